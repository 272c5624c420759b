"""The audit page's own style and script, inlined: the page loads nothing from anywhere.

Without the script everything is shown: the filter form carries ``hidden`` and the script
is what reveals it; nothing else is hidden until a reader filters.
"""

from __future__ import annotations

# Fonts that carry simplified Chinese on each system, best first; where none is installed
# the browser falls back to any font with the glyphs (Debian: install fonts-noto-cjk).
FONT_STACK = (
    '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB",'
    '"Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans SC",sans-serif'
)

STYLE = (
    """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--err:#b42318;--warn:#9a6700;
--hl:#ffe08a;--cell:#ffd54f;--focus:#1f6feb}
*{box-sizing:border-box}
body{font-family:"""
    + FONT_STACK
    + """;margin:0 auto;padding:0 1.5em 3em;max-width:1280px;color:var(--fg);line-height:1.6}
h1{font-size:1.5em;margin:.8em 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .3em;border-bottom:1px solid var(--line)}
a{color:#0969da}.muted,.meta{color:var(--muted)}.failed{color:var(--err)}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.25em .5em;vertical-align:top;text-align:left}
thead th{background:var(--soft)}
.summary{width:100%}.summary td:nth-child(n+3){text-align:right}
.filters{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);
padding:.5em 0;display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center}
.filters[hidden]{display:none}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2em .7em}
.filters legend{float:left;font-weight:bold;margin-right:.4em}
.filters input[type=search]{min-width:16em;padding:.2em .4em}
#shown-count{font-weight:bold}
.finding{border:1px solid var(--line);border-left:5px solid var(--warn);border-radius:4px;padding:.5em .8em;margin:.7em 0}
.finding.sev-error{border-left-color:var(--err)}.finding:target{box-shadow:0 0 0 3px var(--focus)}
.finding header{display:flex;flex-wrap:wrap;gap:.2em .6em;align-items:baseline}
.fid{font-weight:bold;text-decoration:none}.type{font-weight:bold}
.sev{color:#fff;padding:0 .45em;border-radius:3px;font-size:.9em}.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}
.place{color:var(--muted);font-size:.9em}.msg{margin:.3em 0}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:.6em}
.side{background:var(--soft);border-radius:4px;padding:.4em .6em;min-width:0}
.side-head .kind{color:var(--muted);font-size:.9em}.ctx{margin:.3em 0}
.goto{font-size:.88em}.vals{color:var(--muted);font-size:.88em;margin:.3em 0 0}.vals i{font-style:normal}
mark{background:var(--hl);padding:0 .1em}
.scroll{overflow-x:auto;max-width:100%}.tbl{margin:.3em 0;font-size:.92em;background:#fff}
.tbl caption{text-align:left;font-weight:bold;padding:.2em 0}
.tbl tbody th{font-weight:normal;background:#fff;min-width:6em}
.tbl td{white-space:nowrap}.tbl thead th{word-break:keep-all}
.tbl tr.part th,.tbl tr.unit_continuation th{padding-left:1.6em}
.tbl td.cited{background:var(--cell);font-weight:bold;outline:2px solid #e6a100;outline-offset:-2px}
.tbl tr.gap td{color:var(--muted);text-align:center;border-style:dashed}
.tbl td.cited:target,.cited-table .tbl:target{outline:3px solid var(--focus)}
.anchor:target+mark{outline:3px solid var(--focus)}
.docview{margin:.8em 0}.docview summary{cursor:pointer;color:#0969da}
.doctext{white-space:pre-wrap;line-height:1.9;border:1px solid var(--line);padding:.6em .9em;margin-top:.4em}
.doctext .intext{white-space:normal;margin:.4em 0}.cited-table .tbl{outline:2px solid #e6a100}
@media print{.filters{display:none}.docview{display:none}}
"""
)

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var docs = Array.prototype.slice.call(document.querySelectorAll("section.doc"));
  var count = document.getElementById("shown-count");
  function norm(s) { return s.toLowerCase().replace(/\\s+/g, ""); }
  // what a search looks through, read once: the card, its document's file name and author
  var haystacks = cards.map(function (card) {
    var doc = document.getElementById(card.getAttribute("data-doc"));
    var name = doc ? doc.querySelector("h2").textContent + " " + doc.querySelector("p.meta").textContent : "";
    return norm(name + " " + card.textContent);
  });
  function ticked(name) {
    var chosen = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=" + name + "]"), function (box) {
      if (box.checked) { chosen[box.value] = true; }
    });
    return chosen;
  }
  function apply() {
    var severity = ticked("severity"), type = ticked("type");
    var doc = form.elements.doc.value, query = norm(form.elements.q.value);
    var shown = 0, docsShown = {};
    cards.forEach(function (card, i) {
      var ok = severity[card.getAttribute("data-severity")] === true &&
        type[card.getAttribute("data-type")] === true &&
        (!doc || card.getAttribute("data-doc") === doc) &&
        (!query || haystacks[i].indexOf(query) >= 0);
      card.hidden = !ok;
      if (ok) { shown += 1; docsShown[card.getAttribute("data-doc")] = true; }
    });
    docs.forEach(function (section) { section.hidden = !docsShown[section.id]; });
    count.textContent = "显示 " + shown + " / " + cards.length + " 条问题（shown）" +
      (shown ? "" : "：没有符合筛选条件的问题（no finding matches the filters）");
    count.setAttribute("data-shown", String(shown));
  }
  // A document view arrives as the source text of its <noscript> (the parser does not
  // build it while scripts run); build it the first time it is wanted.
  function build(view) {
    var source = view && view.querySelector("noscript");
    if (!source) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = source.textContent;
    view.replaceChild(holder.firstChild, source);
  }
  Array.prototype.forEach.call(document.querySelectorAll("details.docview"), function (view) {
    view.addEventListener("toggle", function () { if (view.open) { build(view); } });
  });
  // a link into a document view opens it and brings the target into view
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    if (!target) {
      build(document.getElementById(id.split("-")[0] + "-text"));
      target = document.getElementById(id);
    }
    if (!target) { return; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView({block: "center"});
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
})();
"""
