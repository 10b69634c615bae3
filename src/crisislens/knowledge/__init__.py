from crisislens.knowledge.load import Knowledge, load_knowledge

__all__ = ["Knowledge", "load_knowledge"]
