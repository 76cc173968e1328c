"""Who may do what: accounts and roles, sign-in sessions, and the audit trail of every change."""
