"""The one catalogue of what a person reads, in Chinese and English."""
