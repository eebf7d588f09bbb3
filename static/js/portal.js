/*
 * Small enhancements on top of pages that work without JavaScript.
 * Loaded in <head> without `defer` so the `js` class is set before the first paint and
 * the phone menu never flashes open.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) return;
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // On a phone the filters would push the results off the first screen, so they start
  // folded; without JavaScript they simply stay open.
  function foldFiltersOnPhones() {
    if (!window.matchMedia("(max-width: 60rem)").matches) return;
    document.querySelectorAll("details[data-collapse-on-phone]").forEach(function (details) {
      details.open = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpPrintButtons();
    foldFiltersOnPhones();
  });
})();
