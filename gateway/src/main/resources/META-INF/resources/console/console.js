// The investigation page follows the investigation's event stream (the API's SSE, authorised by the
// sign-in cookie) while it runs: each event refreshes the parts of the page it changes, rendered by
// the server. Nothing from the stream is written into the page directly.
(function () {
  "use strict";
  var NAMES = ["queued", "stage-started", "tool-called", "stage-completed", "completed", "failed", "cancelled"];
  var TERMINAL = ["completed", "failed", "cancelled"];

  function lastSeq(timeline) {
    var seq = 0;
    timeline.querySelectorAll("[data-seq]").forEach(function (item) {
      seq = Math.max(seq, Number(item.getAttribute("data-seq")) || 0);
    });
    return seq;
  }

  function refresh(selector) {
    var target = document.querySelector(selector);
    if (target && window.htmx) {
      window.htmx.trigger(target, "refresh");
    }
  }

  function follow(timeline) {
    var source = new EventSource(timeline.getAttribute("data-events") + "?after=" + lastSeq(timeline));
    var received = 0;
    NAMES.forEach(function (name) {
      source.addEventListener(name, function () {
        received++;
        document.body.setAttribute("data-live-events", String(received));
        refresh("#timeline");
        refresh("#summary");
        if (TERMINAL.indexOf(name) >= 0) {
          source.close();
          refresh("#deliveries");
        }
      });
    });
    // The stream's own "error" event (an unknown investigation) carries data; a dropped connection does not and is retried.
    source.addEventListener("error", function (event) {
      if (event.data) {
        source.close();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("summary");
    var timeline = document.getElementById("timeline");
    if (summary && timeline && TERMINAL.indexOf(summary.getAttribute("data-status")) < 0) {
      follow(timeline);
    }
  });
})();
