"""Who may do what: roles, users, the audit trail, guards on uploaded files."""
