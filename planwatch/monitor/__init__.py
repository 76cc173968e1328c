"""Watching the plan: target progress, task status, consistency between documents."""
