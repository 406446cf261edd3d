/* Likes in place (templates/includes/like.html).
 *
 * A record's page is cached for every visitor: it has no form and no CSRF token. Its like
 * control is a link to the confirmation page, which works without JavaScript. With it, a click
 * asks that page for the CSRF token (and the visitor cookie) as JSON, POSTs the like, and shows
 * the new count and the message in place (aria-live). Anything unexpected: go to the page.
 */
(function () {
  "use strict";

  var JSON_ACCEPT = { Accept: "application/json" };

  function readJson(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") !== 0) {
      throw new Error("not JSON: " + response.status);
    }
    return response.json();
  }

  function setUp(box) {
    var url = box.getAttribute("data-like");
    var link = box.querySelector(".like-button");
    var count = box.querySelector("[data-like-count]");
    var message = box.querySelector("[data-like-message]");
    var busy = false;
    if (!url || !link || !window.fetch) {
      return;
    }

    function show(answer) {
      if (count && answer.count_text) {
        count.textContent = answer.count_text;
      }
      if (message) {
        message.textContent = answer.message || "";
      }
      if (answer.liked) {
        link.classList.add("liked");
        link.setAttribute("aria-disabled", "true");
      }
    }

    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return; // a new tab or window: the confirmation page
      }
      event.preventDefault();
      if (busy || link.classList.contains("liked")) {
        return;
      }
      busy = true;
      fetch(url, { headers: JSON_ACCEPT, credentials: "same-origin" })
        .then(readJson)
        .then(function (page) {
          if (page.liked || !page.csrf_token) {
            return page; // already liked: say so, nothing to send
          }
          return fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: { Accept: "application/json", "X-CSRFToken": page.csrf_token },
          }).then(readJson);
        })
        .then(show)
        .catch(function () {
          window.location.assign(url);
        })
        .then(function () {
          busy = false;
        });
    });
  }

  document.querySelectorAll("[data-like]").forEach(setUp);
})();
