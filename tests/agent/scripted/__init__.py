"""Helpers of the scripted conversations (tests/agent/test_scripted_conversations.py)."""
