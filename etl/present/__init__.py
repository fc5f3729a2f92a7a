"""How figures read: number and date formats, colours, the message catalogue."""
