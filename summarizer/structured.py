"""Structured-output request formats, one per rung of the mode ladder, and a tolerant
JSON reader for servers that answer with code fences or chatter around the object."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

MODES = ("json_schema", "json_object_schema", "json_object", "prompt")
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


def strict_schema(schema: dict) -> dict:
    """OpenAI strict mode: every property required, no extra keys, no defaults."""
    schema = json.loads(json.dumps(schema))

    def fix(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("default", None)
            node.pop("title", None)
            if node.get("type") == "object" and "properties" in node:
                node["required"] = list(node["properties"])
                node["additionalProperties"] = False
            for value in node.values():
                fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)

    fix(schema)
    return schema


@lru_cache(maxsize=64)
def _schema(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


def response_format(mode: str, model: type[BaseModel]) -> dict | None:
    """The ``response_format`` for a mode (a fresh dict each call; the schema is computed once)."""
    schema = json.loads(_schema(model))
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": model.__name__, "schema": strict_schema(schema), "strict": True},
        }
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def parse_json(text: str) -> Any:
    """Parse a JSON object, tolerating code fences and chatter around it."""
    text = _FENCE.sub("", text.strip())
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        start, end = text.find("{"), text.rfind("}")
        if start >= 0 and end > start:
            return json.loads(text[start : end + 1])
        raise
