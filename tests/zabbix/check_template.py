#!/usr/bin/python3
"""Checks checks.d/zabbix/template_smtp_ping.yaml without a Zabbix frontend.

usage: check_template.py TEMPLATE.yaml [SMTP_CHECK_RESULT.json [SMTP_DOMAIN_RESULT.json]]
       (an empty argument: no sample of that master)

- parses as YAML in the 6.0 export format;
- every uuid is a unique, real UUIDv4 (version nibble 4, variant bits 10);
- dependent items name an existing master item; triggers and graphs reference
  items of this template;
- with a real smtp.check (and smtp.domain) result: every dependent item's JSONPath
  without an error handler exists in its master's result; paths with one are simple
  $.a.b paths;
- dependent item prototypes (per discovered MX) name an existing master item, and their
  JSONPaths are simple or of the filter form $.a[?(@.k=='v')].b...first(); with an smtp.domain
  result that has the policy a path selects, the path finds a value for every exchange in it
  ({#MX.HOST} replaced by the exchange's name).
Exits 1 listing every problem.
"""
import json
import re
import sys
import uuid

import yaml

SIMPLE_PATH = re.compile(r"^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$")
# One step of the filter form: name, or name[?(@.key=='value')]; the path may end in .first().
FILTER_STEP = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[\?\(@\.([A-Za-z_][A-Za-z0-9_]*)=='([^']*)'\)\])?$")
problems = []


def walk(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + "/" + str(key), key, value
            yield from walk(value, path + "/" + str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


def check_uuids(document):
    seen = {}
    for where, key, value in walk(document):
        if key != "uuid":
            continue
        text = str(value)
        try:
            parsed = uuid.UUID(hex=text)
        except ValueError:
            problems.append(f"{where}: not a UUID: {text}")
            continue
        if len(text) != 32 or parsed.hex != text or parsed.version != 4 or parsed.variant != uuid.RFC_4122:
            problems.append(f"{where}: not a 32-hex-digit UUIDv4: {text}")
        if text in seen:
            problems.append(f"{where}: duplicate uuid (also {seen[text]})")
        seen[text] = where
    return len(seen)


def json_path_value(document, path):
    value = document
    for part in path[2:].split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def filter_path_values(document, path):
    """The values a filter-form path selects (a list; .first() keeps the first); None when the
    path is not of that form."""
    if not path.startswith("$."):
        return None
    steps = re.split(r"\.(?![^\[]*\])", path[2:])
    first = steps[-1] == "first()"
    if first:
        steps = steps[:-1]
    values = [document]
    for step in steps:
        match = FILTER_STEP.match(step)
        if not match:
            return None
        name, key, wanted = match.groups()
        selected = []
        for value in values:
            if not isinstance(value, dict) or name not in value:
                continue
            value = value[name]
            if key is None:
                selected.append(value)
            elif isinstance(value, list):
                selected += [entry for entry in value if isinstance(entry, dict) and entry.get(key) == wanted]
        values = selected
    return values[:1] if first else values


def policy_of(path):
    match = re.match(r"^\$\.policies\[\?\(@\.name=='([^']+)'\)\]", path)
    return match.group(1) if match else None


def json_paths(item, keys, what):
    """A dependent item's JSONPath steps (step, path), after checking that its master exists."""
    if item.get("master_item", {}).get("key") not in keys:
        problems.append(f"{what} {item['key']}: master item missing")
    for step in item.get("preprocessing", []):
        if step["type"] == "JSONPATH":
            yield step, step["parameters"][0]


def check_prototypes(template, samples, keys):
    domain = samples.get("smtp.domain")
    exchanges = [e.get("exchange") for e in domain.get("exchanges", [])] if domain else []
    present = {p.get("name") for p in domain.get("policies", [])} if domain else set()
    for rule in template.get("discovery_rules", []):
        for item in rule.get("item_prototypes", []):
            if item.get("type") != "DEPENDENT":
                continue
            for _, path in json_paths(item, keys, "prototype"):
                if filter_path_values({}, path) is None:
                    problems.append(f"prototype {item['key']}: JSONPath {path} is neither simple nor of the filter form")
                    continue
                if policy_of(path) not in present:
                    continue  # this sample was not made with that policy's option
                for exchange in exchanges:
                    if not filter_path_values(domain, path.replace("{#MX.HOST}", exchange)):
                        problems.append(f"prototype {item['key']}: {path} finds nothing for {exchange}")


def check_items(template, samples):
    items = template.get("items", [])
    keys = {item["key"] for item in items}
    for item in items:
        for field in ("uuid", "name", "key"):
            if field not in item:
                problems.append(f"item {item.get('key')}: no {field}")
        if item.get("type") != "DEPENDENT":
            continue
        for step, path in json_paths(item, keys, "item"):
            if not SIMPLE_PATH.match(path):
                problems.append(f"item {item['key']}: JSONPath {path} is not a simple $.a.b path")
                continue
            master = item["master_item"]["key"].split("[")[0]
            sample = samples.get(master)
            if sample is None or "error_handler" in step:
                continue
            try:
                json_path_value(sample, path)
            except KeyError:
                problems.append(f"item {item['key']}: {path} not in the {master} result")
    return keys


def check_references(document, template, keys):
    name = template["template"]
    prototypes = {p["key"] for rule in template.get("discovery_rules", []) for p in rule.get("item_prototypes", [])}
    for where, key, value in walk(document):
        if key == "expression":
            for host, item_key in re.findall(r"/([^/]+)/([A-Za-z0-9._-]+(?:\[[^\]]*\])?)", str(value)):
                if host != name:
                    problems.append(f"{where}: references host {host}")
                elif item_key not in keys | prototypes:
                    problems.append(f"{where}: references unknown item {item_key}")
        if key == "item" and isinstance(value, dict):
            if value.get("host") != name or value.get("key") not in keys | prototypes:
                problems.append(f"{where}: graph item {value} unknown")


def main(arguments):
    with open(arguments[1], encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    samples = {}
    for master, argument in zip(("smtp.check", "smtp.domain"), arguments[2:4]):
        if not argument:  # "": no sample of this master
            continue
        with open(argument, encoding="utf-8") as stream:
            samples[master] = json.load(stream)
    export = document["zabbix_export"]
    if export.get("version") != "6.0":
        problems.append("zabbix_export.version is not '6.0'")
    uuids = check_uuids(document)
    for template in export["templates"]:
        keys = check_items(template, samples)
        check_prototypes(template, samples, keys)
        check_references(document, template, keys)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s), {uuids} uuids checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
