"""The JSON Schema of scenario files, generated from the pydantic model (scenarios/schema.json)."""

from __future__ import annotations

import json

from bot.scenario.model import Scenario


def schema_text() -> str:
    schema = Scenario.model_json_schema()
    # Lines may be written as plain strings (the model converts them before validation).
    line = {"$ref": "#/$defs/Line"}
    schema["$defs"]["Node"]["properties"]["say"] = {
        "description": "What the persona says: a string, or variants (the first whose 'when' holds is said)",
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "minItems": 1, "items": {"anyOf": [{"type": "string"}, line]}},
        ],
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Oser scenario"
    schema["description"] = "A persona for rehearsing networking interviews. See scenarios/README.md."
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
