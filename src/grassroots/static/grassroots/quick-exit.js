// "Leave this site quickly", with JavaScript: the neutral site replaces this page in the
// tab's history too (Back does not return here), and Escape pressed three times within two
// seconds does the same from anywhere on the page. Without JavaScript the button is a plain
// link. docs/privacy.md says what this can and cannot hide.
(function () {
  "use strict";
  var link = document.querySelector("a.quick-exit");
  if (!link) {
    return;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.hidden = true; // nothing stays on screen while the next page loads
    document.title = "";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) {
      return now - time < 2000;
    });
    presses.push(now);
    if (presses.length >= 3) {
      leave(event);
    }
  });
})();
