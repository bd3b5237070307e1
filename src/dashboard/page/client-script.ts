/**
 * The study page's only script (no build step, no framework): sorting, filtering and paging
 * the trial table through /api/.../trials; opening a trial's detail on a click on a row or a
 * point; and live updates from the server-sent events of /api/.../events, which refresh the
 * counts, the table and (at most every 1.5 s) the charts.
 */
export const STUDY_PAGE_SCRIPT = `
(function () {
  var root = document.querySelector("main[data-api]");
  if (!root) return;
  var api = root.getAttribute("data-api");
  var q = { sort: "number", order: "asc", state: "", q: "", offset: 0, limit: 50 };
  var cursor = root.getAttribute("data-cursor");
  var total = 0;
  var openTrial = null;
  function $(s) { return document.querySelector(s); }
  function setStatus(text) { var s = $("#live-status"); if (s) s.textContent = text; }

  function loadTable() {
    var params = new URLSearchParams(q);
    return fetch(api + "/trials?" + params).then(function (r) { return r.json(); }).then(function (page) {
      $("#trial-head").innerHTML = page.head;
      $("#trial-rows").innerHTML = page.rows;
      $("#page-text").textContent = page.text;
      total = page.total;
      markSelected();
      root.setAttribute("data-table-version", String(Number(root.getAttribute("data-table-version") || 0) + 1));
    });
  }

  function markSelected() {
    document.querySelectorAll("tr.selected").forEach(function (el) { el.classList.remove("selected"); });
    if (openTrial === null) return;
    document.querySelectorAll('tr[data-trial="' + openTrial + '"]').forEach(function (el) { el.classList.add("selected"); });
  }

  function showTrial(number) {
    openTrial = number;
    return fetch(api + "/trials/" + encodeURIComponent(number)).then(function (r) { return r.json(); }).then(function (data) {
      $("#trial-detail .body").innerHTML = data.html;
      $("#trial-detail").classList.add("open");
      markSelected();
    });
  }

  var viewsTimer = null;
  function scheduleViews() {
    if (viewsTimer) return;
    viewsTimer = setTimeout(function () {
      viewsTimer = null;
      fetch(api + "/views").then(function (r) { return r.json(); }).then(function (data) {
        Object.keys(data.views).forEach(function (id) {
          var section = document.getElementById("view-" + id);
          if (!section) return;
          var html = data.views[id];
          section.classList.toggle("hidden", html === null);
          if (html !== null) section.querySelector(".view-body").innerHTML = html;
        });
      });
    }, 1500);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var th = target.closest && target.closest("th[data-sort]");
    if (th) {
      var key = th.getAttribute("data-sort");
      if (q.sort === key) q.order = q.order === "asc" ? "desc" : "asc";
      else { q.sort = key; q.order = "asc"; }
      q.offset = 0;
      loadTable();
      return;
    }
    if (target.closest && target.closest("#detail-close")) {
      $("#trial-detail").classList.remove("open");
      openTrial = null;
      markSelected();
      return;
    }
    var hit = target.closest && target.closest("[data-trial]");
    if (hit) showTrial(hit.getAttribute("data-trial"));
  });

  var filterTimer = null;
  $("#trial-filter").addEventListener("input", function (event) {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(function () { q.q = event.target.value; q.offset = 0; loadTable(); }, 250);
  });
  $("#trial-state").addEventListener("change", function (event) { q.state = event.target.value; q.offset = 0; loadTable(); });
  $("#page-prev").addEventListener("click", function () { if (q.offset > 0) { q.offset = Math.max(0, q.offset - q.limit); loadTable(); } });
  $("#page-next").addEventListener("click", function () { if (q.offset + q.limit < total) { q.offset += q.limit; loadTable(); } });
  total = Number(root.getAttribute("data-total") || 0);

  if (window.EventSource) {
    var events = new EventSource(api + "/events?cursor=" + encodeURIComponent(cursor));
    events.onopen = function () { setStatus("● live"); };
    events.onerror = function () { setStatus("○ reconnecting…"); };
    events.addEventListener("trials", function (event) {
      var data = JSON.parse(event.data);
      cursor = data.cursor;
      Object.keys(data.summary).forEach(function (key) {
        var el = document.querySelector('[data-live="' + key + '"]');
        if (el) el.innerHTML = data.summary[key];
      });
      loadTable();
      scheduleViews();
      if (openTrial !== null && data.trials.some(function (t) { return String(t.number) === String(openTrial); })) showTrial(openTrial);
    });
  }
})();
`;
