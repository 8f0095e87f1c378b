from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.schema import PUBLIC_MODELS, EventDate

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(PUBLIC_MODELS))
def test_exported_schemas_are_in_sync(name: str) -> None:
    path = ROOT / "schemas" / f"{name}.schema.json"
    assert path.exists(), "run: summarizer schema --write schemas"
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk == PUBLIC_MODELS[name].model_json_schema(), "run: summarizer schema --write schemas"


def test_no_stray_schema_files() -> None:
    names = {p.name.removesuffix(".schema.json") for p in (ROOT / "schemas").glob("*.schema.json")}
    assert names == set(PUBLIC_MODELS)


@pytest.mark.parametrize("value", ["2020-06-08", "2020-06", "2020", "--12-05", "---15", None])
def test_date_values_accepted(value) -> None:
    assert EventDate(value=value).value == value


@pytest.mark.parametrize("value", ["2020-6-8", "12-05", "--2020", "2020年6月8日"])
def test_date_values_rejected(value) -> None:
    with pytest.raises(ValidationError):
        EventDate(value=value)
