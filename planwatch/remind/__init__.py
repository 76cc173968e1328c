"""Daily reminders: what each user should see today, sent once by mail or kept in the app."""
