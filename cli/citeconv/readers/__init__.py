"""Readers: text in some format -> the CSL-JSON hub (`Bibliography`)."""
