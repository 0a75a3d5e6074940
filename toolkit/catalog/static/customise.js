// The customise form of a blueprint page (toolkit/catalog/customise.py decides and explains).
// Values are read as `blueprint render --set NAME=TEXT` reads them (toolkit/variables.py convert),
// checked against the variables schema, and, where the build proved it exact, substituted into the
// connector's skeleton with Python's JSON and str() spelling. Otherwise it writes the command.
"use strict";

class PyNumber {
  // A Python int or float: `text` is its repr (str and JSON spell them alike), `num` its value.
  constructor(num, isInt, text) { this.num = num; this.isInt = isInt; this.text = text; }
}

function pyFloatRepr(x) {
  // Python's repr(float): shortest round-trip digits, exponent when the point falls before
  // the 4th place or after the 16th, a trailing ".0" otherwise.
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const point = Number(exponent) + 1;
  if (point < -3 || point > 16) {
    const rest = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    const power = Math.abs(point - 1);
    return `${sign}${rest}e${point - 1 < 0 ? "-" : "+"}${power < 10 ? "0" : ""}${power}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const BOOLEANS = { true: true, false: false, yes: true, no: false, 1: true, 0: false };

function convertOne(text, kind) {
  const trimmed = text.trim();
  if (kind === "string") return text;
  if (kind === "integer") {
    if (!/^[+-]?\d+$/.test(trimmed)) throw new Error(`"${text}" is not an integer`);
    const big = BigInt(trimmed.replace(/^\+/, ""));
    return new PyNumber(Number(big), true, big.toString());
  }
  if (kind === "number") {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) throw new Error(`"${text}" is not a number`);
    const num = Number(trimmed);
    if (!Number.isFinite(num)) throw new Error(`"${text}" is not a finite number`);
    if (Number.isInteger(num) && !/[.eE]/.test(trimmed)) return new PyNumber(num, true, BigInt(num).toString());
    return new PyNumber(num, false, pyFloatRepr(num));
  }
  if (kind === "boolean") {
    const value = BOOLEANS[trimmed.toLowerCase()];
    if (value === undefined) throw new Error(`"${text}" is not a boolean (true or false)`);
    return value;
  }
  if (kind === "null") {
    if (trimmed !== "null") throw new Error(`"${text}" is not null`);
    return null;
  }
  throw new Error(`unsupported variable type ${kind}`);
}

function convert(text, kinds) {
  if (kinds.includes("null") && text.trim() === "null") return null;
  const problems = [];
  for (const kind of kinds) {
    try { return convertOne(text, kind); } catch (error) { problems.push(error.message); }
  }
  throw new Error(problems.join("; "));
}

// -- the connector text, as toolkit/render.py writes it ------------------------------------------

function jsonText(value) {
  if (value instanceof PyNumber) return value.text;
  return JSON.stringify(value);
}

function strText(value) {
  if (value instanceof PyNumber) return value.text;
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return value;
}

function escaped(text, level) {
  for (let i = 0; i < level; i += 1) text = JSON.stringify(text).slice(1, -1);
  return text;
}

function same(value, held) {
  if (value instanceof PyNumber) return typeof held === "number" && value.num === held;
  return value === held;
}

function renderConnector(data, values) {
  // a `when` object ({"not": null}) is the outcome "any value but null" of a `none` test
  const skeleton = data.skeletons.find((s) => Object.entries(s.when).every(([name, held]) =>
    held !== null && typeof held === "object" ? values[name] !== null : same(values[name], held)));
  if (!skeleton) return null;
  return skeleton.parts.map((part) => {
    if (typeof part === "number") return data.texts[part];
    const [name, mode, level] = part;
    const value = values[name];
    return mode === "json" ? escaped(jsonText(value), level - 1) : escaped(strText(value), level);
  }).join("");
}

// -- the variables schema, as jsonschema checks it (the keywords customise.py allows) --------------

function kindOf(value) {
  if (value === null) return "null";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "number";
}

function hasType(value, type) {
  if (type === "integer") return value instanceof PyNumber && Number.isInteger(value.num);
  return kindOf(value) === type;
}

function equal(value, other) {
  if (value instanceof PyNumber) return typeof other === "number" && value.num === other;
  return value === other;
}

function check(schema, value, name, problems) {
  // Appends "what is wrong" sentences for `value` of variable `name`; returns whether it passed.
  const before = problems.length;
  const fail = (text) => problems.push({ name, text });
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) fail(`must be ${types.join(" or ")}`);
  }
  if (schema.enum && !schema.enum.some((e) => equal(value, e))) fail(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  if ("const" in schema && !equal(value, schema.const)) fail(`must be ${JSON.stringify(schema.const)}`);
  if (value instanceof PyNumber) {
    const n = value.num;
    if (schema.minimum !== undefined && n < schema.minimum) fail(`must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && n > schema.maximum) fail(`must be at most ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) fail(`must be more than ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum) fail(`must be less than ${schema.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    const length = Array.from(value).length;
    if (schema.minLength !== undefined && length < schema.minLength) fail(`must have at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) fail(`must have at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) fail(`must match ${schema.pattern}`);
  }
  if (schema.not && check(schema.not, value, name, [])) fail("is not allowed here");
  return problems.length === before;
}

function checkObject(schema, values, problems, condition) {
  const before = problems.length;
  for (const name of schema.required || []) {
    if (values[name] === undefined) problems.push({ name, text: "is required: fill it in" });
  }
  for (const [name, sub] of Object.entries(schema.properties || {})) {
    if (values[name] === undefined) continue;
    const found = [];
    check(sub, values[name], name, found);
    for (const p of found) problems.push({ name, text: p.text + condition });
  }
  for (const sub of schema.allOf || []) checkObject(sub, values, problems, condition);
  if (schema.anyOf && !schema.anyOf.some((sub) => checkObject(sub, values, [], ""))) {
    problems.push({ name: "", text: "the values match none of the schema's alternatives" });
  }
  if (schema.if) {
    const holds = checkObject(schema.if, values, [], "");
    const branch = holds ? schema.then : schema.else;
    const tested = Object.keys(schema.if.properties || {}).filter((n) => values[n] !== undefined);
    const why = tested.length ? ` (with ${tested.map((n) => `${n} ${strText(values[n])}`).join(", ")})` : "";
    if (branch) checkObject(branch, values, problems, why);
  }
  return problems.length === before;
}

// -- the form --------------------------------------------------------------------------------

function shellWord(text) {
  return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

function setupCustomise() {
  const source = document.getElementById("customise-data");
  const form = document.getElementById("customise-form");
  if (!source || !form) return;
  const data = JSON.parse(source.textContent);
  const fields = Array.from(form.querySelectorAll("[data-var]"));
  const base = document.getElementById("customise-base");
  const output = document.getElementById("customise-output");
  const body = document.getElementById("customise-body");
  const command = document.getElementById("customise-command");
  const errors = document.getElementById("customise-errors");
  form.hidden = false;
  document.getElementById("customise-run").hidden = false;
  document.getElementById("customise-static").hidden = true;

  function baseTexts() {
    return base.value === "" ? data.defaults : data.examples[base.value];
  }

  function read(texts) {
    // [values, problems] from field texts. An empty field is null where the variable may be null,
    // and missing where the user must supply it.
    const values = {};
    const problems = [];
    for (const field of fields) {
      const name = field.dataset.var;
      let text = texts[name];
      if (text === "" && field.dataset.empty === "null") text = "null";
      if (text === undefined || (text === "" && field.dataset.empty === "missing")) continue;
      try { values[name] = convert(text, JSON.parse(field.dataset.types)); } catch (error) {
        problems.push({ name, text: error.message });
      }
    }
    return [values, problems];
  }

  function update() {
    const texts = Object.fromEntries(fields.map((f) => [f.dataset.var, f.value]));
    const [values, problems] = read(texts);
    if (!problems.length) checkObject(data.schema, values, problems, "");
    const [baseValues] = read(baseTexts());
    for (const field of fields) {
      const mine = problems.filter((p) => p.name === field.dataset.var).map((p) => p.text);
      const error = document.getElementById(`${field.id}-error`);
      error.textContent = mine.length ? `${field.dataset.var} ${mine.join("; ")}` : "";
      field.setAttribute("aria-invalid", mine.length ? "true" : "false");
    }
    const general = problems.filter((p) => !p.name).map((p) => p.text);
    errors.textContent = general.join(" ");
    const words = ["blueprint", "render", data.id];
    if (base.value) words.push("--example", shellWord(base.value));
    for (const field of fields) {
      const name = field.dataset.var;
      const unread = problems.some((p) => p.name === name) && values[name] === undefined && texts[name] !== "";
      if (unread) words.push("--set", shellWord(`${name}=${texts[name]}`));
      const changed = values[name] === undefined ? false : baseValues[name] === undefined ||
        jsonText(values[name]) !== jsonText(baseValues[name]) || kindOf(values[name]) !== kindOf(baseValues[name]);
      if (changed) words.push("--set", shellWord(`${name}=${values[name] === null ? "null" : texts[name]}`));
      if (values[name] === undefined && field.dataset.empty === "missing") words.push("--set", shellWord(`${name}=<${name}>`));
    }
    words.push("--devtools");
    command.textContent = `${data.install}\n${words.join(" ")}`;
    if (data.exact) {
      const text = problems.length ? null : renderConnector(data, values);
      output.hidden = text === null;
      if (text !== null) body.textContent = `POST /_plugins/_ml/connectors/_create\n${text}`;
    }
    form.dataset.valid = problems.length ? "false" : "true";
  }

  function fill() {
    const texts = baseTexts();
    for (const field of fields) {
      const text = texts[field.dataset.var];
      field.value = text === undefined || (text === "null" && field.dataset.empty === "null") ? "" : text;
    }
    update();
  }

  form.addEventListener("input", update);
  form.addEventListener("change", (event) => { if (event.target === base) fill(); else update(); });
  form.addEventListener("submit", (event) => event.preventDefault());
  fill();
}

document.addEventListener("DOMContentLoaded", setupCustomise);
