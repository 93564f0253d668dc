"""The figures hubs account to the national centre for: coverage of their area's schools, the
mastery journey funnel, recruitment to a programme, and attendance with release time.

Each module holds one report's counting rules, applied to plain facts the services read; the
rules are written out in words (`*_DEFINITION`) so every answer can say what it counted."""
