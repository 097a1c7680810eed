"""Settings, in one place: scoring weights, audit rule settings, and the project file that holds them.

The journey model uses these shapes for its ``scoring:`` and ``audit:``
sections; scoring and auditing read them. Nothing here imports the model,
scoring or auditing.
"""
