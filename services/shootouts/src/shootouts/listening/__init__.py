"""The listening room: blind sessions, votes, ABX trials and what they add up to."""
