"""The shared request/response base model (clinic360.core.schemas.ApiModel)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field

from clinic360.core.schemas import ApiModel


class _Query(ApiModel):
    page_size: int = Field(20, ge=1, le=100)
    tags: list[str] | None = None


def test_schema_for_default_arguments_is_pydantics_and_survives_a_callers_changes() -> None:
    expected = BaseModel.model_json_schema.__func__(_Query)  # type: ignore[attr-defined]
    first = _Query.model_json_schema()
    assert first == expected
    assert "pageSize" in first["properties"] and "tags" in first["properties"]
    first["properties"].clear()  # a caller mutating its copy cannot change the next answer
    assert _Query.model_json_schema() == expected


def test_other_arguments_go_to_pydantic_unchanged() -> None:
    template = "#/components/schemas/{model}"
    assert _Query.model_json_schema(by_alias=False, ref_template=template) == (
        BaseModel.model_json_schema.__func__(_Query, by_alias=False, ref_template=template)  # type: ignore[attr-defined]
    )
    assert "page_size" in _Query.model_json_schema(by_alias=False)["properties"]


def test_schema_is_built_once_per_model(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[type] = []
    original = BaseModel.model_json_schema.__func__  # type: ignore[attr-defined]

    def counting(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        built.append(cls)
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(BaseModel, "model_json_schema", classmethod(counting))

    class Fresh(ApiModel):
        when: str

    for _ in range(3):
        assert "when" in Fresh.model_json_schema()["properties"]
    assert built == [Fresh]
