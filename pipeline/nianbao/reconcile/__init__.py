"""Reconcile: registered checks compare what a report says with what it says elsewhere."""
