"""PlanWatch: reads provincial socio-economic plans and reports, keeps every figure traceable."""

__version__ = "0.1.0"
