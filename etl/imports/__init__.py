"""Actions that change the data folder: plan, commit (journalled), audit."""
