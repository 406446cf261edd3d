/* The admin's date-time shortcuts on the site's clock (templates/admin/base.html).
 *
 * Every date-time in the admin is shown and taken in the site's time zone (TIME_ZONE), and its
 * fields say so. Django's DateTimeShortcuts.js reads the server's UTC offset from the <body>'s
 * data-admin-utc-offset, both to warn "You are 1 hour behind server time" beside every date
 * and time field and to set its "Now" and "Today" shortcuts to the server's clock. Our base
 * template names the offset data-site-utc-offset instead, so no warning is written; this gives
 * the shortcuts the site's clock again, so that "Now" is now in the site's time zone, as the
 * field says, wherever the editor is.
 */
(function () {
  "use strict";

  var shortcuts = window.DateTimeShortcuts;
  var siteOffset = Number(document.body.dataset.siteUtcOffset);
  if (!shortcuts || !document.body.dataset.siteUtcOffset || isNaN(siteOffset)) {
    return;
  }
  shortcuts.now = function () {
    var now = new Date();
    var browserOffset = now.getTimezoneOffset() * -60;
    now.setTime(now.getTime() + 1000 * (siteOffset - browserOffset));
    return now;
  };
})();
