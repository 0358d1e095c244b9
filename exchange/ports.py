"""Ports: what a lower domain needs from a higher one, installed by `exchange.wiring`.

Placeholder while the ports are drawn (issue 14); see docs/architecture.md.
"""
