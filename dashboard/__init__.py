"""Streamlit dashboard over the warehouse marts."""
