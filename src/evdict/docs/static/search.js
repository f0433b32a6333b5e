/* evdict dictionary index: instant search, filters and sortable columns.
 * Reads the records embedded in <script id="event-index" type="application/json">; the
 * table itself is complete in the HTML, so the page reads fine without this script. */
(function () {
  "use strict";

  var source = document.getElementById("event-index");
  var table = document.getElementById("events");
  var toolbar = document.getElementById("toolbar");
  if (!source || !table || !toolbar) return;

  var records = JSON.parse(source.textContent);
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var search = document.getElementById("search");
  var count = document.getElementById("result-count");
  var clear = document.getElementById("clear-filters");
  var empty = document.getElementById("no-results");
  var owner = document.getElementById("filter-owner");
  var chips = Array.prototype.slice.call(toolbar.querySelectorAll(".chip"));

  // What a search term is matched against: the name (also with its separators as
  // spaces, so "order completed" finds order_completed), description and property names.
  var haystacks = records.map(function (r) {
    var spaced = r.name.replace(/[_\-.:/$]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2");
    return (r.name + " " + spaced + " " + r.text).toLowerCase();
  });

  function selected(filter) {
    return chips
      .filter(function (c) { return c.dataset.filter === filter && c.getAttribute("aria-pressed") === "true"; })
      .map(function (c) { return c.dataset.value; });
  }

  function matches(i, terms, filters) {
    var r = records[i];
    var hay = haystacks[i];
    for (var t = 0; t < terms.length; t++) {
      if (hay.indexOf(terms[t]) === -1) return false;
    }
    if (filters.category.length && filters.category.indexOf(r.category) === -1) return false;
    if (filters.status.length && filters.status.indexOf(r.status) === -1) return false;
    if (filters.pii.length && filters.pii.indexOf(r.pii ? "yes" : "no") === -1) return false;
    if (filters.owner !== "*" && r.owner !== filters.owner) return false;
    return true;
  }

  function apply() {
    var query = search.value.trim().toLowerCase();
    var terms = query ? query.split(/\s+/) : [];
    var filters = {
      category: selected("category"),
      status: selected("status"),
      pii: selected("pii"),
      owner: owner.value
    };
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var visible = matches(Number(row.dataset.i), terms, filters);
      if (row.hidden === visible) row.hidden = !visible;
      if (visible) shown++;
    }
    var filtered = terms.length || filters.category.length || filters.status.length ||
      filters.pii.length || filters.owner !== "*";
    count.textContent = filtered
      ? "Showing " + shown + " of " + records.length + " events"
      : records.length + " events";
    clear.hidden = !filtered;
    empty.hidden = shown !== 0;
    var hash = query ? "#q=" + encodeURIComponent(search.value.trim()) : "";
    if (location.hash !== hash) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  // Sorting: the header cells become buttons; a second click reverses the order.
  var numeric = { properties: true, tracked: true };
  var rank = { pii: { "": 0, redacted: 1, hashed: 2, allowed: 3 } };
  function sortBy(key, direction) {
    var factor = direction === "ascending" ? 1 : -1;
    var ordered = rows.slice().sort(function (a, b) {
      var ra = records[Number(a.dataset.i)], rb = records[Number(b.dataset.i)];
      var va = ra[key], vb = rb[key], result;
      if (rank[key]) { va = rank[key][va]; vb = rank[key][vb]; }
      if (numeric[key] || rank[key]) {
        result = va - vb;
      } else {
        // Empty values last, whatever the direction.
        if (!va !== !vb) return va ? -1 : 1;
        result = va.localeCompare(vb, undefined, { sensitivity: "base", numeric: true });
      }
      if (result === 0) result = ra.name.localeCompare(rb.name);
      return result * factor;
    });
    var fragment = document.createDocumentFragment();
    ordered.forEach(function (row) { fragment.appendChild(row); });
    tbody.appendChild(fragment);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
    var key = cell.dataset.sort;
    if (!key) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (cell.firstChild) button.appendChild(cell.firstChild);
    cell.appendChild(button);
    button.addEventListener("click", function () {
      var direction = cell.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      cell.setAttribute("aria-sort", direction);
      sortBy(key, direction);
    });
  });

  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  });
  owner.addEventListener("change", apply);
  search.addEventListener("input", apply);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && search.value) {
      search.value = "";
      apply();
    } else if (event.key === "ArrowDown" || event.key === "Enter") {
      // Jump to the first visible result (Enter opens it when it is the only one).
      var first = rows.filter(function (row) { return !row.hidden; })[0];
      if (!first) return;
      event.preventDefault();
      var link = first.querySelector("a");
      if (event.key === "Enter" && rows.filter(function (row) { return !row.hidden; }).length === 1) {
        link.click();
      } else {
        link.focus();
      }
    }
  });
  clear.addEventListener("click", function () {
    search.value = "";
    owner.value = "*";
    chips.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
    apply();
    search.focus();
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "SELECT" ||
      target.tagName === "TEXTAREA" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  });

  var initial = /^#q=(.*)$/.exec(location.hash);
  if (initial) {
    try { search.value = decodeURIComponent(initial[1]); } catch (e) { search.value = ""; }
  }
  toolbar.hidden = false;
  apply();
})();
