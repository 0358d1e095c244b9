"""Files: uploads in rooms, inspection, teacher approval before a partner class sees them, authorised downloads."""
