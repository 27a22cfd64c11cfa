#!/usr/bin/env python3
"""tests/data/core/gen_items.py - golden DynamoDB items for include/sst/type.h.

simplesingletable and boto3 are not installed here, so this script writes
the rows the way the spec (shared/spec/simplesingletable.md, sections 2 and
4) says simplesingletable 19 writes them, with pydantic 2 doing what
pydantic does: to_dynamodb_item() = clean_data(model_dump()) or
{"data": gzip.compress(model_dump_json())}, plus pk/sk/version, gsitype and
gsitypesk, the GSI config (static, callable, tuple, sparse), legacy hooks,
filter metadata on v0 and the TTL attribute; then boto3's TypeSerializer
into DynamoDB wire JSON (B base64-encoded). The clock and the ids are fixed.

Each case gives the C test: the type (described again in C), the fixed
clock and id, the user data as JSON, the resource sst must hold after
create_new (its normalised form), the model JSON and, per row, the item.
Set members are given in the order this process iterates them, so that
one run is consistent with itself.
Run: python3 gen_items.py > items.json
"""
import base64
import gzip
import json
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, ClassVar, Optional

import pydantic
from pydantic import BaseModel, ConfigDict

NOW = datetime(2026, 11, 25, 18, 12, 5, 922317, tzinfo=timezone.utc)
NOW_US = 1795630325922317
MTIME = NOW_US // 1000000


# ------------------------------------------------------- the base classes


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid")
    resource_id: str
    created_at: datetime
    updated_at: datetime
    gsi_config: ClassVar[dict] = {}
    resource_config: ClassVar[dict] = {}

    @classmethod
    def get_unique_key_prefix(cls):
        return cls.__name__

    def db_get_gsitypesk(self):
        return self.updated_at.isoformat()

    def db_get_gsi1pk(self):
        return None

    def db_get_gsi2pk(self):
        return None

    def db_get_gsi3pk_and_sk(self):
        return None

    def db_get_filter_metadata(self):
        return None

    def _apply_gsi_configuration(self, d):
        for fields in self.gsi_config.values():
            for key, value_or_func in fields.items():
                if isinstance(key, tuple):
                    if value_or_func and callable(value_or_func):
                        result = value_or_func(self)
                        if result and len(key) == 2 and len(result) == 2:
                            d[key[0]] = result[0]
                            d[key[1]] = result[1]
                elif value_or_func:
                    if callable(value_or_func):
                        if value := value_or_func(self):
                            d[key] = value
                    else:
                        d[key] = value_or_func
        if v := self.db_get_gsi1pk():
            d["gsi1pk"] = v
        if v := self.db_get_gsi2pk():
            d["gsi2pk"] = v
        if v := self.db_get_gsi3pk_and_sk():
            d["gsi3pk"], d["gsi3sk"] = v

    def _calculate_ttl(self):
        field = self.resource_config.get("ttl_field")
        attr = self.resource_config.get("ttl_attribute_name")
        if not field or not attr:
            return None
        value = getattr(self, field, None)
        if value is None:
            return None
        if isinstance(value, datetime):
            return int(value.timestamp())
        if isinstance(value, int):
            return int((self.created_at + timedelta(seconds=value)).timestamp())
        raise ValueError("Unsupported TTL field type")

    def _model_part(self):
        if self.resource_config.get("compress_data"):
            return {"data": gzip.compress(self.model_dump_json().encode(),
                                          mtime=MTIME)}
        return clean_data(self.model_dump(),
                          omit_none=bool(self.resource_config.get(
                              "omit_none_attributes")))

    def _finish(self, d):
        if ttl := self._calculate_ttl():
            d[self.resource_config["ttl_attribute_name"]] = ttl
        return d


class Resource(Base):
    def to_dynamodb_item(self):
        key = f"{self.get_unique_key_prefix()}#{self.resource_id}"
        d = self._model_part()
        d.update({"pk": key, "sk": key, "gsitype": type(self).__name__,
                  "gsitypesk": self.db_get_gsitypesk()})
        self._apply_gsi_configuration(d)
        return self._finish(d)


class VersionedResource(Base):
    resource_id: str
    version: int
    created_at: datetime
    updated_at: datetime

    def to_dynamodb_item(self, v0_object=False):
        d = self._model_part()
        d.update({"pk": f"{self.get_unique_key_prefix()}#{self.resource_id}",
                  "version": self.version})
        d["sk"] = "v0" if v0_object else f"v{self.version}"
        if v0_object:
            d["gsitype"] = type(self).__name__
            d["gsitypesk"] = self.db_get_gsitypesk()
            self._apply_gsi_configuration(d)
            if meta := self.db_get_filter_metadata():
                d["metadata"] = meta
        return self._finish(d)


def _clean_list(values, omit_none):
    out = []
    for v in values:
        if isinstance(v, float):
            out.append(Decimal(str(v)))
        elif isinstance(v, (datetime, date)):
            out.append(v.isoformat())
        elif isinstance(v, dict):
            out.append(clean_data(v, omit_none))
        elif isinstance(v, list):
            out.append(_clean_list(v, omit_none))
        else:
            out.append(v)  # None kept
    return out


def clean_data(data, omit_none=False):
    data = {**data}
    for key, value in list(data.items()):
        if value is None:
            if omit_none:
                del data[key]
        elif isinstance(value, float):
            data[key] = Decimal(str(value))
        elif isinstance(value, (datetime, date)):
            data[key] = value.isoformat()
        elif isinstance(value, set) and not value:
            del data[key]
        elif isinstance(value, dict):
            data[key] = clean_data(value, omit_none)
        elif isinstance(value, list):
            data[key] = _clean_list(value, omit_none)
    return data


def av(value):
    """boto3's TypeSerializer, in DynamoDB's wire JSON."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, (int, Decimal)):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, (bytes, bytearray)):
        return {"B": base64.b64encode(value).decode()}
    if isinstance(value, (set, frozenset)):
        if all(isinstance(v, str) for v in value):
            return {"SS": list(value)}
        return {"NS": [str(v) for v in value]}
    if isinstance(value, (list, tuple)):
        return {"L": [av(v) for v in value]}
    if isinstance(value, dict):
        return {"M": {k: av(v) for k, v in value.items()}}
    raise TypeError(type(value))


def wire(item):
    return {k: av(v) for k, v in item.items()}


def normalised(model):
    """The resource as sst holds it: JSON, datetimes in isoformat."""
    def conv(v):
        if isinstance(v, datetime) or isinstance(v, date):
            return v.isoformat()
        if isinstance(v, bytes):
            return v.decode("latin-1")
        if isinstance(v, (set, frozenset)):
            return list(v)
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, Decimal):
            return float(v)
        return v
    return {k: conv(v) for k, v in model.model_dump().items()}


# ------------------------------------------------------------- the types


class Child(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    weight: float = 1.0
    note: Optional[str] = None


class Thing(Resource):
    name: str
    score: float
    count: int = 0
    opt: Optional[str] = None
    flag: bool = False
    tags: set[str] = set()
    nums: set[int] = set()
    empty_tags: set[str] = set()
    born: date
    when: datetime
    blob: bytes
    meta: dict = {}
    items: list = []
    child: Child
    kids: list[Child] = []
    expires_in: Optional[int] = None

    resource_config: ClassVar[dict] = {"compress_data": False,
                                       "ttl_field": "expires_in",
                                       "ttl_attribute_name": "ttl"}
    gsi_config: ClassVar[dict] = {
        "gsi1": {"gsi1pk": lambda s: f"flag#{s.flag}"},
        "static": {"gsi2pk": "ALL_THINGS"},
        "gsi3": {("gsi3pk", "gsi3sk"):
                 lambda s: (f"name#{s.name}", s.when.isoformat())},
        "sparse": {"gsi4pk": lambda s: s.opt},
    }


class Slim(Resource):
    name: str
    opt: Optional[str] = None
    meta: dict = {}
    items: list = []
    child: Optional[Child] = None
    tags: set[str] = set()

    resource_config: ClassVar[dict] = {"compress_data": False,
                                       "omit_none_attributes": True}


class Doc(VersionedResource):
    title: str
    body: Optional[str] = None
    tags: set[str] = set()
    score: float = 0.0
    when: datetime
    expires_at: Optional[datetime] = None
    child: Child

    resource_config: ClassVar[dict] = {"compress_data": True,
                                       "max_versions": None,
                                       "ttl_field": "expires_at",
                                       "ttl_attribute_name": "expires"}
    gsi_config: ClassVar[dict] = {
        "gsi2": {"gsi2pk": lambda d: f"doc#{d.title}"},
        "sparse": {("gsi3pk", "gsi3sk"): lambda d: None},
    }

    def db_get_filter_metadata(self):
        return {"title": self.title, "n": 2}


class Note(VersionedResource):
    text: str
    due: Optional[date] = None
    weights: list[float] = []

    resource_config: ClassVar[dict] = {"compress_data": False}

    def db_get_gsi1pk(self):
        return f"note#{self.text[:3]}"


def thing_input():
    tags = list({"red", "green", "blue"})
    return {
        "name": "caf\u00e9 \u2603 \"quoted\"",
        "score": 1.5,
        "opt": None,
        "flag": True,
        "tags": tags,
        "nums": [1, 2, 3],
        "born": "2000-02-29",
        "when": "2026-11-25T18:12:05.000001Z",
        "blob": "\u0000\u0001bin",
        "meta": {"a": 1, "b": 1.25, "c": None, "d": {"e": None, "f": [1, None, 2.5]},
                 "s": "x", "t": True, "l": []},
        "items": [1, "two", None, {"k": None, "v": 0.1}, [3.5]],
        "child": {"label": "kid"},
        "kids": [{"label": "a", "weight": 2.5, "note": "n"}, {"label": "b"}],
        "expires_in": 3600,
    }


def case(cls, user, rid, rows, version=None):
    data = dict(user)
    data.update(resource_id=rid, created_at=NOW, updated_at=NOW)
    if version is not None:
        data["version"] = version
    model = cls.model_validate(data)
    user = dict(user)
    for name in user:
        if isinstance(getattr(model, name), set):
            # hand the members over in the order this process keeps them
            user[name] = list(getattr(model, name))
    out = {"type": cls.__name__, "now_us": NOW_US, "id": rid,
           "input": user, "resource": normalised(model),
           "model_json": model.model_dump_json(), "mtime": MTIME,
           "version": version or 1, "items": {}}
    for row in rows:
        if row == "plain":
            item = model.to_dynamodb_item()
        else:
            item = model.to_dynamodb_item(v0_object=(row == "v0"))
        out["items"][row] = wire(item)
    return out


def main():
    cases = [
        case(Thing, thing_input(), "01M89YGR52000G40R40M30E209", ["plain"]),
        case(Slim, {"name": "slim", "opt": None,
                    "meta": {"x": None, "y": {"z": None, "w": 1}},
                    "items": [None, {"k": None}], "child": None, "tags": []},
             "slim-1", ["plain"]),
        case(Doc, {"title": "Spec \u00a7 2", "tags": ["one"], "score": 2.75,
                   "when": "2026-11-25T18:12:05Z",
                   "expires_at": "2027-01-01T00:00:00.500000+00:00",
                   "child": {"label": "c", "weight": 0.5}},
             "01M89YGR52ZZZZZZZZZZZZZZZZ", ["v0", "v1"], version=1),
        case(Note, {"text": "hello world", "due": "2026-12-01",
                    "weights": [0.5, 1.0, 2.25]},
             "note-7", ["v0", "v3"], version=3),
    ]
    json.dump({"generator": "gen_items.py, pydantic " + pydantic.VERSION,
               "cases": cases}, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
