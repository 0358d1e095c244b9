"""Messages between a child's guardians and teachers (issue 22): a thread per child and guardian,
read receipts, the class's school hours and the teacher's availability, attachments through the
inspected upload path, announcements to a class's families by their preferred channel."""
