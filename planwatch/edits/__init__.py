"""Changes people make by hand, each checked first and stored in its caller's transaction with its audit row:
targets and label mappings (`plans`), a document's details and its deletion (`documents`, `redate`), the agency
registry (`agencies`), task updates and confirmed links (`tasks`). The reading side (`monitor/`, `query/`) never
writes."""
