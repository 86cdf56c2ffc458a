/* zhextract HTML report: resolve each finding's evidence links, show a figure's findings in the
   side panel, highlight the evidence of the finding shown. No network, no libraries. */
(function () {
  "use strict";
  var RANK = { mismatch: 0, doubtful: 1, rounding: 2, unverifiable: 3, consistent: 4 };
  var panel = document.getElementById("panel");
  var byKey = {};      // "3:0" -> elements of the document holding finding 3's evidence 0
  var byFinding = {};  // "3" -> the same elements, all evidence of finding 3

  Array.prototype.forEach.call(document.querySelectorAll("#doc [data-ev]"), function (el) {
    el.getAttribute("data-ev").split(" ").forEach(function (key) {
      if (!key) return;
      (byKey[key] = byKey[key] || []).push(el);
      var k = key.split(":")[0];
      (byFinding[k] = byFinding[k] || []).push(el);
    });
  });

  // Each evidence link: how many elements it found; its target gets an id when it had none.
  Array.prototype.forEach.call(document.querySelectorAll("#findings article.finding"), function (art) {
    var links = art.querySelectorAll("a.ev-link"), found = 0;
    Array.prototype.forEach.call(links, function (a) {
      var els = byKey[a.getAttribute("data-for")] || [];
      a.setAttribute("data-found", String(els.length));
      if (els.length) {
        found += 1;
        if (!els[0].id) els[0].id = "ev-" + a.getAttribute("data-for").replace(":", "-");
        a.setAttribute("href", "#" + els[0].id);
      } else {
        a.classList.add("unresolved");
      }
    });
    art.setAttribute("data-resolved", found + "/" + links.length);
  });

  function worstFirst(ks) {  // finding numbers, mismatches first
    var rank = function (k) { return RANK[document.getElementById("f" + k).getAttribute("data-status")]; };
    return ks.slice().sort(function (a, b) { return rank(a) - rank(b); });
  }

  function clearHighlight() {
    Array.prototype.forEach.call(document.querySelectorAll(".hl, .sel"), function (el) {
      el.classList.remove("hl", "claim", "sel");
    });
    Array.prototype.forEach.call(document.querySelectorAll("article.current"), function (el) {
      el.classList.remove("current");
    });
  }

  function highlight(k) {
    var art = document.getElementById("f" + k);
    (byFinding[k] || []).forEach(function (el) { el.classList.add("hl"); });
    if (!art) return;
    art.classList.add("current");
    Array.prototype.forEach.call(art.querySelectorAll("li.role-claim a.ev-link"), function (a) {
      (byKey[a.getAttribute("data-for")] || []).forEach(function (el) { el.classList.add("claim"); });
    });
  }

  function claimOf(k) {
    var a = document.querySelector("#f" + k + " li.role-claim a.ev-link") ||
            document.querySelector("#f" + k + " a.ev-link");
    var els = a ? byKey[a.getAttribute("data-for")] || [] : [];
    return els[0] || null;
  }

  // The panel shows copies of the findings (ids removed, so every id stays unique).
  function show(ks, why, current) {
    panel.innerHTML = "";
    ks = worstFirst(ks);
    if (!ks.length) {
      var p = document.createElement("p");
      p.className = "why";
      p.textContent = why ? "Not checked 未核对: " + why : "No finding names this value.";
      panel.appendChild(p);
    }
    ks.forEach(function (k) {
      var copy = document.getElementById("f" + k).cloneNode(true);
      copy.removeAttribute("id");
      copy.setAttribute("data-copy-of", k);
      panel.appendChild(copy);
    });
    clearHighlight();
    if (current) current.classList.add("sel");
    if (ks.length) highlight(ks[0]);
    var first = panel.querySelector("article");
    if (first) first.classList.add("current");
  }

  function open(k, scroll) {
    show([String(k)], null, null);
    var el = claimOf(k);
    if (el) {
      el.classList.add("sel");
      if (scroll) el.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var link = t.closest("a.ev-link");
    if (link) {  // evidence link: go to it, keep the panel
      var els = byKey[link.getAttribute("data-for")] || [];
      if (els.length) { ev.preventDefault(); els[0].scrollIntoView({ block: "center" }); }
      return;
    }
    var jump = t.closest("a.jump");
    if (jump) { ev.preventDefault(); open(jump.getAttribute("data-f"), true); return; }
    var copy = t.closest("#panel article[data-copy-of]");
    if (copy) {  // another finding of the same figure: its evidence instead
      clearHighlight();
      highlight(copy.getAttribute("data-copy-of"));
      Array.prototype.forEach.call(panel.querySelectorAll("article"), function (a) { a.classList.remove("current"); });
      copy.classList.add("current");
      return;
    }
    var mark = t.closest("#doc [data-f], #doc mark[data-why], #doc mark.st-none");
    if (mark) {
      var ks = (mark.getAttribute("data-f") || "").split(" ").filter(Boolean);
      show(ks, mark.getAttribute("data-why"), mark);
    }
  });

  // Hovering a figure outlines the evidence of its worst finding; the title shows the numbers.
  var hovered = null;
  function unhover() {
    Array.prototype.forEach.call(document.querySelectorAll(".hv"), function (el) { el.classList.remove("hv"); });
    hovered = null;
  }
  document.addEventListener("mouseover", function (ev) {
    var mark = ev.target.closest && ev.target.closest("#doc [data-f]");
    if (mark === hovered) return;
    unhover();
    if (!mark) return;
    hovered = mark;
    var ks = worstFirst(mark.getAttribute("data-f").split(" ").filter(Boolean));
    (byFinding[ks[0]] || []).forEach(function (el) { el.classList.add("hv"); });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches("#doc [data-f]")) ev.target.click();
  });
  Array.prototype.forEach.call(document.querySelectorAll("#doc [data-f], #doc mark[data-why]"), function (el) {
    el.tabIndex = 0;
  });

  // report.html#f3 opens finding 3 and scrolls to its claim; #show-f3 opens it where the page is.
  var m = /^#(show-)?f(\d+)$/.exec(location.hash);
  if (m && document.getElementById("f" + m[2])) open(m[2], !m[1]);
  document.documentElement.setAttribute("data-ready", "1");
})();
