// The coding page: select text, apply codes, see and change them in the margin.
// Offsets sent to the server are Unicode code points (Python's str indices), not
// the UTF-16 units of JavaScript strings: Array.from() splits by code point.
(function () {
  "use strict";
  var dataNode = document.getElementById("coding-data");
  var textNode = document.getElementById("doc-text");
  if (!dataNode || !textNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var chars = Array.from(data.text);
  var passages = data.passages.slice();
  var codes = {};
  data.codes.forEach(function (c) { codes[c.id] = c; });
  var selection = null; // {start, end, quote}
  var S = data.strings;

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error((json.errors || [response.statusText]).join(" ")); }
        return json;
      });
    });
  }

  function status(message, isError) {
    var node = document.getElementById("coding-status");
    if (node) { node.textContent = message; node.className = isError ? "errornote" : "muted"; }
  }

  function slice(a, b) { return chars.slice(a, b).join(""); }

  function renderText() {
    var points = [0, chars.length];
    passages.forEach(function (p) { points.push(p.start, p.end); });
    points = Array.from(new Set(points)).sort(function (a, b) { return a - b; });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < points.length - 1; i++) {
      var a = points[i], b = points[i + 1];
      if (a >= b) { continue; }
      var covering = passages.filter(function (p) { return p.start <= a && p.end >= b; });
      var piece = slice(a, b);
      if (!covering.length) { fragment.appendChild(document.createTextNode(piece)); continue; }
      var mark = document.createElement("mark");
      mark.className = "coded" + (covering.length > 1 ? " multi" : "");
      mark.textContent = piece;
      mark.dataset.passages = covering.map(function (p) { return p.id; }).join(" ");
      mark.title = covering.map(function (p) { return p.identifier + " (" + p.coder_name + ")"; }).join(", ");
      mark.style.backgroundColor = covering[0].colour + "55";
      mark.style.borderBottomColor = covering[covering.length - 1].colour;
      fragment.appendChild(mark);
    }
    textNode.textContent = "";
    textNode.appendChild(fragment);
  }

  function renderMargin() {
    var list = document.getElementById("margin");
    list.textContent = "";
    passages.slice().sort(function (x, y) { return x.start - y.start || x.end - y.end; }).forEach(function (p) {
      var item = document.createElement("li");
      item.className = "margin-item";
      item.dataset.passage = p.id;
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = p.colour;
      item.appendChild(swatch);
      var name = document.createElement("strong");
      name.textContent = " " + p.identifier + " ";
      item.appendChild(name);
      var label = document.createElement("span");
      label.textContent = p.label;
      item.appendChild(label);
      var quote = document.createElement("q");
      quote.textContent = p.text.length > 120 ? p.text.slice(0, 117) + "…" : p.text;
      item.appendChild(document.createElement("br"));
      item.appendChild(quote);
      var who = document.createElement("span");
      who.className = "muted coder";
      who.textContent = " — " + S.by + " " + p.coder_name;
      item.appendChild(who);
      if (p.memo) {
        var memo = document.createElement("p");
        memo.className = "memo";
        memo.textContent = p.memo;
        item.appendChild(memo);
      }
      if (p.mine && data.canCode) { item.appendChild(controls(p)); }
      list.appendChild(item);
    });
  }

  function controls(p) {
    var box = document.createElement("div");
    box.className = "margin-controls";
    var selectId = "change-" + p.id;
    var label = document.createElement("label");
    label.htmlFor = selectId;
    label.className = "visually-hidden";
    label.textContent = S.change;
    var select = document.createElement("select");
    select.id = selectId;
    select.className = "change-code";
    data.codes.forEach(function (c) {
      var option = document.createElement("option");
      option.value = c.id;
      option.textContent = "\u00a0".repeat(c.depth * 2) + c.identifier;
      if (c.id === p.code) { option.selected = true; }
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      post(passageUrl(p.id), { code: select.value }).then(function (json) {
        replace(json.passage); status(S.saved);
      }).catch(function (e) { status(e.message, true); });
    });
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small danger remove-passage";
    remove.textContent = S.remove;
    remove.addEventListener("click", function () {
      post(passageUrl(p.id), { "delete": true }).then(function () {
        passages = passages.filter(function (x) { return x.id !== p.id; });
        renderAll(); status(S.saved);
      }).catch(function (e) { status(e.message, true); });
    });
    var memoId = "memo-" + p.id;
    var memoLabel = document.createElement("label");
    memoLabel.htmlFor = memoId;
    memoLabel.className = "visually-hidden";
    memoLabel.textContent = S.memo;
    var memoInput = document.createElement("input");
    memoInput.type = "text";
    memoInput.id = memoId;
    memoInput.className = "passage-memo";
    memoInput.placeholder = S.memo;
    memoInput.value = p.memo || "";
    var memoSave = document.createElement("button");
    memoSave.type = "button";
    memoSave.className = "small secondary";
    memoSave.textContent = S.save;
    memoSave.addEventListener("click", function () {
      post(passageUrl(p.id), { memo: memoInput.value }).then(function (json) {
        replace(json.passage); status(S.saved);
      }).catch(function (e) { status(e.message, true); });
    });
    box.appendChild(label);
    box.appendChild(select);
    box.appendChild(remove);
    box.appendChild(memoLabel);
    box.appendChild(memoInput);
    box.appendChild(memoSave);
    return box;
  }

  function passageUrl(id) { return data.urls.passage.replace(/\/0\/$/, "/" + id + "/"); }

  function replace(updated) {
    passages = passages.map(function (x) { return x.id === updated.id ? updated : x; });
    renderAll();
  }

  function renderAll() { renderText(); renderMargin(); }

  function offsetWithin(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function captureSelection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!textNode.contains(range.startContainer) || !textNode.contains(range.endContainer)) { return; }
    var start = offsetWithin(textNode, range.startContainer, range.startOffset);
    var end = offsetWithin(textNode, range.endContainer, range.endOffset);
    // Leading and trailing white space is not part of a quote.
    while (start < end && /\s/.test(chars[start])) { start++; }
    while (end > start && /\s/.test(chars[end - 1])) { end--; }
    if (start >= end) { return; }
    selection = { start: start, end: end, quote: slice(start, end) };
    var preview = document.getElementById("selection-preview");
    if (preview) { preview.textContent = "«" + (selection.quote.length > 200 ? selection.quote.slice(0, 197) + "…" : selection.quote) + "»"; }
  }

  textNode.addEventListener("mouseup", captureSelection);
  textNode.addEventListener("keyup", captureSelection);
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (sel && !sel.isCollapsed && textNode.contains(sel.anchorNode)) { captureSelection(); }
  });

  var apply = document.getElementById("apply-codes");
  if (apply) {
    apply.addEventListener("click", function () {
      if (!selection) { status(S.selectText, true); return; }
      var chosen = Array.from(document.querySelectorAll("#code-list input:checked")).map(function (i) { return i.value; });
      if (!chosen.length) { status(S.chooseCode, true); return; }
      var memo = document.getElementById("passage-memo");
      post(data.urls.create, {
        start: selection.start, end: selection.end, quote: selection.quote, codes: chosen,
        memo: memo ? memo.value : ""
      }).then(function (json) {
        passages = passages.concat(json.passages);
        document.querySelectorAll("#code-list input:checked").forEach(function (i) { i.checked = false; });
        if (memo) { memo.value = ""; }
        selection = null;
        window.getSelection().removeAllRanges();
        renderAll();
        status(S.saved);
      }).catch(function (e) { status(e.message, true); });
    });
  }

  var filter = document.getElementById("code-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      document.querySelectorAll("#code-list label").forEach(function (label) {
        label.hidden = q !== "" && label.dataset.codeSearch.indexOf(q) === -1;
      });
    });
  }
  document.querySelectorAll(".swatch[data-colour]").forEach(function (s) { s.style.backgroundColor = s.dataset.colour; });

  textNode.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.coded") : null;
    if (!mark) { return; }
    document.querySelectorAll(".margin-item.active").forEach(function (i) { i.classList.remove("active"); });
    mark.dataset.passages.split(" ").forEach(function (id) {
      var item = document.querySelector('.margin-item[data-passage="' + id + '"]');
      if (item) { item.classList.add("active"); }
    });
  });

  renderAll();
})();
