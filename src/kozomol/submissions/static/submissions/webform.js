/* Kozomol web form: relevance shown live and the draft saved on the server as the monitor types.
 * The expression grammar mirrors kozomol/questionnaires/expressions.py; anything it does not
 * understand leaves the question visible (the server decides on submit). */
(function () {
  "use strict";
  var form = document.getElementById("webform");
  if (!form) { return; }

  // ---- expressions ------------------------------------------------------------------
  var TOKEN = /\s*(?:(\$\{[^}]+\})|('[^']*'|"[^"]*")|(\d+(?:\.\d+)?)|(<=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)|(\.(?![\w.]))|([A-Za-z_][\w\-]*(?::[\w\-]+)?))/y;
  function Unsupported(msg) { this.message = msg; }
  function tokenize(text) {
    var tokens = [], pos = 0, m;
    text = text.trim();
    while (pos < text.length) {
      TOKEN.lastIndex = pos;
      m = TOKEN.exec(text);
      if (!m || TOKEN.lastIndex === pos) { throw new Unsupported(text); }
      if (m[1]) { tokens.push(["ref", m[1]]); }
      else if (m[2]) { tokens.push(["str", m[2]]); }
      else if (m[3]) { tokens.push(["num", m[3]]); }
      else if (m[4]) { tokens.push(["op", m[4]]); }
      else if (m[5]) { tokens.push(["dot", "."]); }
      else { tokens.push(["name", m[6]]); }
      pos = TOKEN.lastIndex;
    }
    return tokens;
  }
  function num(v) {
    if (typeof v === "boolean") { return v ? 1 : 0; }
    if (typeof v === "number") { return v; }
    if (Array.isArray(v)) { v = v.join(" "); }
    if (v === null || v === undefined || String(v).trim() === "") { return NaN; }
    var n = Number(String(v).trim());
    return n;
  }
  function str(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "boolean") { return v ? "true" : "false"; }
    if (Array.isArray(v)) { return v.join(" "); }
    return String(v);
  }
  function bool(v) {
    if (typeof v === "number") { return v !== 0 && !isNaN(v); }
    if (Array.isArray(v)) { return v.length > 0; }
    return !!v;
  }
  function compare(op, a, b) {
    var numeric = typeof a === "number" || typeof b === "number";
    if (op === "=" || op === "!=") {
      var eq = numeric ? num(a) === num(b) : str(a) === str(b);
      return op === "=" ? eq : !eq;
    }
    var x = num(a), y = num(b);
    if (isNaN(x) || isNaN(y)) {
      var sa = str(a), sb = str(b);
      if (!sa || !sb) { return false; }
      x = sa; y = sb;
    }
    if (op === "<") { return x < y; }
    if (op === "<=") { return x <= y; }
    if (op === ">") { return x > y; }
    return x >= y;
  }
  function call(name, args) {
    if (name === "not" && args.length === 1) { return !bool(args[0]); }
    if (name === "selected" && args.length === 2) {
      var chosen = Array.isArray(args[0]) ? args[0] : str(args[0]).split(/\s+/);
      return chosen.indexOf(str(args[1])) !== -1;
    }
    if (name === "count-selected" && args.length === 1) {
      return (Array.isArray(args[0]) ? args[0] : str(args[0]).split(/\s+/).filter(Boolean)).length;
    }
    if (name === "string-length" && args.length === 1) { return str(args[0]).length; }
    if (name === "string" && args.length === 1) { return str(args[0]); }
    if (name === "number" && args.length === 1) { return num(args[0]); }
    if (name === "int" && args.length === 1) { return Math.trunc(num(args[0])); }
    if (name === "true" && !args.length) { return true; }
    if (name === "false" && !args.length) { return false; }
    if (name === "if" && args.length === 3) { return bool(args[0]) ? args[1] : args[2]; }
    if (name === "regex" && args.length === 2) { return new RegExp(str(args[1])).test(str(args[0])); }
    throw new Unsupported(name);
  }
  function evaluate(expr, resolve) {
    var t = tokenize(expr), p = 0;
    function peek() { return t[p]; }
    function is(kind, text) { var k = t[p]; return k && k[0] === kind && k[1] === text; }
    function take(text) { var k = t[p]; if (!k || (text && k[1] !== text)) { throw new Unsupported(text || "end"); } p++; return k; }
    function orE() { var v = andE(); while (is("name", "or")) { take(); var r = andE(); v = bool(v) || bool(r); } return v; }
    function andE() { var v = cmpE(); while (is("name", "and")) { take(); var r = cmpE(); v = bool(v) && bool(r); } return v; }
    function cmpE() {
      var v = addE();
      while (peek() && peek()[0] === "op" && ["=", "!=", "<", "<=", ">", ">="].indexOf(peek()[1]) !== -1) {
        var op = take()[1]; v = compare(op, v, addE());
      }
      return v;
    }
    function addE() {
      var v = mulE();
      while (is("op", "+") || is("op", "-")) { var op = take()[1]; var r = mulE(); v = op === "+" ? num(v) + num(r) : num(v) - num(r); }
      return v;
    }
    function mulE() {
      var v = unary();
      while (is("op", "*") || is("name", "div") || is("name", "mod")) {
        var op = take()[1], r = num(unary()), l = num(v);
        v = op === "*" ? l * r : (r === 0 ? NaN : (op === "div" ? l / r : l % r));
      }
      return v;
    }
    function unary() { if (is("op", "-")) { take(); return -num(unary()); } return primary(); }
    function primary() {
      var k = take();
      if (k[0] === "ref") { return resolve(k[1].slice(2, -1).trim()); }
      if (k[0] === "str") { return k[1].slice(1, -1); }
      if (k[0] === "num") { return Number(k[1]); }
      if (k[0] === "dot") { throw new Unsupported("."); }
      if (k[0] === "op" && k[1] === "(") { var v = orE(); take(")"); return v; }
      if (k[0] === "name" && is("op", "(")) {
        take("("); var args = [];
        if (!is("op", ")")) { args.push(orE()); while (is("op", ",")) { take(); args.push(orE()); } }
        take(")");
        return call(k[1], args);
      }
      throw new Unsupported(k[1]);
    }
    var value = orE();
    if (p < t.length) { throw new Unsupported("trailing"); }
    return value;
  }

  // ---- values of the page ----------------------------------------------------------------
  function valueOf(key) {
    var inputs = form.querySelectorAll('[name="v:' + CSS.escape(key) + '"]');
    if (!inputs.length) {
      var calculated = form.querySelector('input[data-calculate][data-key="' + CSS.escape(key) + '"]');
      return calculated ? calculated.value : null;
    }
    var first = inputs[0];
    if (first.type === "radio") {
      for (var i = 0; i < inputs.length; i++) { if (inputs[i].checked) { return inputs[i].value; } }
      return "";
    }
    if (first.type === "checkbox") {
      var out = [];
      for (var j = 0; j < inputs.length; j++) { if (inputs[j].checked) { out.push(inputs[j].value); } }
      return inputs.length === 1 && first.value === "OK" ? (first.checked ? "OK" : "") : out;
    }
    return first.value;
  }
  // A choice filter (cascading select): ${@column} is a column of the choice being tested.
  // A choice it excludes is hidden and disabled; if it was chosen, the answer is cleared (as
  // ODK Collect does), which may in turn narrow the lists that depend on this one.
  function filterChoices() {
    var cleared = false;
    var sets = form.querySelectorAll("[data-choice-filter]");
    for (var i = 0; i < sets.length; i++) {
      var expr = sets[i].getAttribute("data-choice-filter");
      var inputs = sets[i].querySelectorAll("input[data-choice]");
      for (var j = 0; j < inputs.length; j++) {
        var input = inputs[j], columns = {}, show = true;
        try { columns = JSON.parse(input.getAttribute("data-choice") || "{}"); } catch (e) { columns = {}; }
        try {
          show = bool(evaluate(expr, function (name) {
            if (name.charAt(0) !== "@") { return valueOf(name); }
            var column = name.slice(1);
            return column === "name" ? input.value : (columns[column] === undefined ? "" : columns[column]);
          }));
        } catch (e2) { show = true; }
        if (!show && input.checked) { input.checked = false; cleared = true; }
        input.disabled = !show;
        input.parentNode.parentNode.hidden = !show;  // the div.choice-option around its label
      }
    }
    return cleared;
  }
  // Calculations, in the order of the form (the server computes the same on save and submit).
  function text(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "boolean") { return v ? "true" : "false"; }
    if (typeof v === "number") { return isFinite(v) ? String(v) : ""; }
    return str(v);
  }
  function calculate() {
    var nodes = form.querySelectorAll("input[data-calculate]");
    for (var i = 0; i < nodes.length; i++) {
      try { nodes[i].value = text(evaluate(nodes[i].getAttribute("data-calculate"), valueOf)); }
      catch (e) { nodes[i].value = ""; }
    }
  }
  // Labels that name answers (${name}) follow them, as in ODK Collect.
  function relabel() {
    var spans = form.querySelectorAll("[data-label-template]");
    for (var i = 0; i < spans.length; i++) {
      spans[i].textContent = spans[i].getAttribute("data-label-template").replace(/\$\{([^}]+)\}/g, function (_m, key) {
        return text(valueOf(key.trim()));
      });
    }
  }
  function refresh() {
    calculate();
    for (var round = 0; round < 10 && filterChoices(); round++) { dirty = true; }
    var nodes = form.querySelectorAll("[data-relevant]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i], show = true;
      try { show = bool(evaluate(node.getAttribute("data-relevant"), valueOf)); }
      catch (e) { show = true; }
      node.hidden = !show;
    }
    relabel();
  }

  // ---- autosave ----------------------------------------------------------------------------
  var url = form.getAttribute("data-autosave");
  var status = document.getElementById("autosave-status");
  var revision = parseInt(form.getAttribute("data-revision") || "0", 10);
  var timer = null, dirty = false, saving = false;
  function payload() {
    var data = new FormData(form);
    var names = [];
    data.forEach(function (_v, name) { if (name.indexOf("f:") === 0) { names.push(name); } });
    names.forEach(function (name) { data.delete(name); });
    data.delete("action");
    data.set("revision", String(revision));
    return data;
  }
  function save() {
    if (!url || saving || !dirty) { return; }
    saving = true; dirty = false;
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    fetch(url, { method: "POST", body: payload(), credentials: "same-origin",
                 headers: { "X-CSRFToken": token ? token.value : "" } })
      .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
      .then(function (res) {
        saving = false;
        if (res[0] === 200 && res[1].ok) {
          revision = res[1].revision;
          form.setAttribute("data-revision", String(revision));
          if (status) { status.textContent = (status.getAttribute("data-saved") || "✓") + " " + res[1].saved_at; }
        } else if (status) { status.textContent = res[1].error || "!"; }
        if (dirty) { schedule(); }
      })
      .catch(function () { saving = false; dirty = true; if (status) { status.textContent = "…"; } schedule(5000); });
  }
  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, delay || 800);
  }
  function changed(event) {
    if (event.target && event.target.type === "file") { return; }
    dirty = true;
    refresh();
    schedule();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { dirty = false; if (timer) { clearTimeout(timer); } });
  window.addEventListener("pagehide", function () {
    if (dirty && url && navigator.sendBeacon) { dirty = false; navigator.sendBeacon(url, payload()); }
  });
  var language = document.getElementById("id_language");
  if (language) {
    language.addEventListener("change", function () {
      var button = form.querySelector('button[name=action][value=save]');
      if (form.requestSubmit && button) { form.requestSubmit(button); }
    });
  }
  if (status) { status.setAttribute("data-saved", status.getAttribute("data-saved-label") || "✓"); }
  refresh();
})();
