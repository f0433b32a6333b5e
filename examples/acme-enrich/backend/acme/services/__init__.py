"""Business logic, one module per product area; each tracks the events its team owns."""
