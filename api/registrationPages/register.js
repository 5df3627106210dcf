// Liaison public self-registration (domain.md §4, IMI manual 3.1). Plain script, no build step.
(function () {
  'use strict';
  var T = {
    en: {
      title: 'Register your authority in Liaison', other: 'Dansk', step: 'Step {n} of 5',
      s1: 'Security check', s1help: 'Type the characters in the picture and the registration code from the invitation email.',
      captcha: 'Characters in the picture', newPicture: 'New picture', code: 'Registration code',
      s2: 'Your authority', officialName: 'Official name', informalTitle: 'Informal title (short)', informalTitleLanguage: 'Language of the informal title',
      description: 'Description (optional)', languages: 'Languages your authority understands (codes, comma separated, e.g. da, en)',
      address: 'Street address', postcode: 'Postcode', city: 'City', phone: 'Phone (optional)', website: 'Website (optional)', contactEmail: 'Authority email',
      country: 'Country', s3: 'Superuser (your authority’s first user)', firstName: 'First name', lastName: 'Last name', email: 'Email', language: 'Preferred language',
      s4: 'Area keywords', s4help: 'Choose at least one keyword per legislation area that describes your competence.',
      s5: 'Check and send', send: 'Register', next: 'Next', back: 'Back', check: 'Check',
      done: 'Your registration has been received', doneHelp: 'A coordinator will validate it. Your username is shown only here: print it or write it down now. The password comes by email.',
      username: 'Username', print: 'Print', saved: 'I have printed or saved my username', finish: 'Finish',
      finished: 'Thank you. You will get an email with login instructions when the registration is validated.',
      required: 'Please fill in all required fields.',
      'code-expired': 'The registration code has expired. Ask the coordinator who invited you to send a new invitation.',
      'invitation-withdrawn': 'The invitation was withdrawn by the coordinator who sent it.',
      'already-registered': 'Your authority is already registered.',
      captcha_failed: 'The characters from the picture were not right. Try the new picture.',
      invalid_code: 'The registration code is not right.'
    },
    da: {
      title: 'Registrér jeres myndighed i Liaison', other: 'English', step: 'Trin {n} af 5',
      s1: 'Sikkerhedstjek', s1help: 'Skriv tegnene fra billedet og registreringskoden fra invitationsmailen.',
      captcha: 'Tegn i billedet', newPicture: 'Nyt billede', code: 'Registreringskode',
      s2: 'Jeres myndighed', officialName: 'Officielt navn', informalTitle: 'Uformel titel (kort)', informalTitleLanguage: 'Sprog for den uformelle titel',
      description: 'Beskrivelse (valgfri)', languages: 'Sprog myndigheden forstår (koder, kommasepareret, fx da, en)',
      address: 'Adresse', postcode: 'Postnummer', city: 'By', phone: 'Telefon (valgfri)', website: 'Websted (valgfrit)', contactEmail: 'Myndighedens e-mail',
      country: 'Land', s3: 'Superbruger (myndighedens første bruger)', firstName: 'Fornavn', lastName: 'Efternavn', email: 'E-mail', language: 'Foretrukket sprog',
      s4: 'Emneord for områderne', s4help: 'Vælg mindst ét emneord pr. lovgivningsområde, der beskriver jeres kompetence.',
      s5: 'Kontrollér og send', send: 'Registrér', next: 'Næste', back: 'Tilbage', check: 'Kontrollér',
      done: 'Jeres registrering er modtaget', doneHelp: 'En koordinator validerer den. Brugernavnet vises kun her: udskriv det eller skriv det ned nu. Adgangskoden kommer med e-mail.',
      username: 'Brugernavn', print: 'Udskriv', saved: 'Jeg har udskrevet eller gemt mit brugernavn', finish: 'Afslut',
      finished: 'Tak. I får en e-mail med loginvejledning, når registreringen er valideret.',
      required: 'Udfyld alle obligatoriske felter.',
      'code-expired': 'Registreringskoden er udløbet. Bed koordinatoren, der inviterede jer, om en ny invitation.',
      'invitation-withdrawn': 'Invitationen er trukket tilbage af koordinatoren, der sendte den.',
      'already-registered': 'Jeres myndighed er allerede registreret.',
      captcha_failed: 'Tegnene fra billedet var ikke rigtige. Prøv det nye billede.',
      invalid_code: 'Registreringskoden er ikke rigtig.'
    }
  };
  var lang = (navigator.language || 'en').slice(0, 2) === 'da' ? 'da' : 'en';
  var params = new URLSearchParams(location.search || location.hash.split('?')[1] || '');
  var state = { step: 1, captcha: null, check: null, authority: {}, superuser: {}, keywords: {}, summary: null, error: null };
  var main = document.getElementById('main');

  function t(key) { return T[lang][key] || T.en[key] || key; }
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function field(name, label, value, type, required) {
    return '<label for="' + name + '">' + esc(label) + (required ? ' *' : '') + '</label>' +
      '<input id="' + name + '" name="' + name + '" type="' + (type || 'text') + '" value="' + esc(value) + '"' + (required ? ' required aria-required="true"' : '') + '>';
  }
  function labelOf(labels) { return (labels && (labels[lang] || labels.en)) || ''; }
  function api(path, body) {
    return fetch('/api/registration/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw j.error || { message: r.statusText }; return j; }); });
  }
  function fail(err) { state.error = T[lang][err.code] || err.message || String(err); render(); }
  function values(form) { var o = {}; new FormData(form).forEach(function (v, k) { o[k] = String(v).trim(); }); return o; }
  function newCaptcha() { return api('captcha').then(function (c) { state.captcha = c; render(); }).catch(fail); }

  function render() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelector('[data-t=title]').textContent = t('title');
    document.getElementById('lang').textContent = t('other');
    var html = '';
    if (state.step <= 5) html += '<p class="steps">' + esc(t('step').replace('{n}', state.step)) + '</p>';
    if (state.error) html += '<p class="error" role="alert">' + esc(state.error) + '</p>';
    var s = state.step;
    if (s === 1) {
      html += '<h2>' + esc(t('s1')) + '</h2><p>' + esc(t('s1help')) + '</p><form id="f">' +
        '<div aria-hidden="true">' + (state.captcha ? state.captcha.svg : '') + '</div>' +
        '<button type="button" class="secondary no-print" id="again">' + esc(t('newPicture')) + '</button>' +
        field('captchaAnswer', t('captcha'), '', 'text', true) + field('code', t('code'), params.get('code') || '', 'text', true) +
        '<div class="actions"><button class="primary">' + esc(t('check')) + '</button></div></form>';
    } else if (s === 2) {
      var a = state.authority;
      html += '<h2>' + esc(t('s2')) + '</h2><form id="f">' +
        '<p>' + esc(t('country')) + ': <strong>' + esc(state.check.countryCode) + '</strong></p>' +
        field('officialName', t('officialName'), a.officialName, 'text', true) + field('informalTitle', t('informalTitle'), a.informalTitle, 'text', true) +
        field('informalTitleLanguage', t('informalTitleLanguage'), a.informalTitleLanguage || lang, 'text', true) +
        '<label for="description">' + esc(t('description')) + '</label><textarea id="description" name="description" rows="3">' + esc(a.description) + '</textarea>' +
        field('languages', t('languages'), a.languages || lang, 'text', true) + field('address', t('address'), a.address, 'text', true) +
        field('postcode', t('postcode'), a.postcode) + field('city', t('city'), a.city, 'text', true) + field('phone', t('phone'), a.phone, 'tel') +
        field('website', t('website'), a.website) + field('contactEmail', t('contactEmail'), a.contactEmail || state.check.email, 'email', true) +
        nav() + '</form>';
    } else if (s === 3) {
      var u = state.superuser;
      html += '<h2>' + esc(t('s3')) + '</h2><form id="f">' + field('firstName', t('firstName'), u.firstName, 'text', true) + field('lastName', t('lastName'), u.lastName, 'text', true) +
        field('email', t('email'), u.email, 'email', true) + field('phone', t('phone'), u.phone, 'tel') +
        '<label for="language">' + esc(t('language')) + '</label><select id="language" name="language"><option value="en">English</option><option value="da"' + ((u.language || lang) === 'da' ? ' selected' : '') + '>Dansk</option></select>' +
        nav() + '</form>';
    } else if (s === 4) {
      html += '<h2>' + esc(t('s4')) + '</h2><p>' + esc(t('s4help')) + '</p><form id="f">';
      state.check.areas.forEach(function (area) {
        html += '<fieldset><legend>' + esc(labelOf(area.labels)) + '</legend>';
        area.keywords.forEach(function (k) {
          var id = 'k-' + k.code, on = (state.keywords[area.code] || []).indexOf(k.code) >= 0;
          html += '<div class="check"><input type="checkbox" id="' + id + '" name="' + esc(area.code) + '" value="' + esc(k.code) + '"' + (on ? ' checked' : '') + '> <label for="' + id + '">' + esc(labelOf(k.labels)) + '</label></div>';
        });
        html += '</fieldset>';
      });
      html += nav() + '</form>';
    } else if (s === 5) {
      html += '<h2>' + esc(t('s5')) + '</h2><dl>' +
        '<dt>' + esc(t('officialName')) + '</dt><dd>' + esc(state.authority.officialName) + '</dd>' +
        '<dt>' + esc(t('contactEmail')) + '</dt><dd>' + esc(state.authority.contactEmail) + '</dd>' +
        '<dt>' + esc(t('s3')) + '</dt><dd>' + esc(state.superuser.firstName + ' ' + state.superuser.lastName + ' <' + state.superuser.email + '>') + '</dd></dl>' +
        '<form id="f"><div class="actions"><button type="button" class="secondary" id="back">' + esc(t('back')) + '</button><button class="primary">' + esc(t('send')) + '</button></div></form>';
    } else if (s === 6) {
      var sum = state.summary;
      html += '<h2>' + esc(t('done')) + '</h2><p>' + esc(t('doneHelp')) + '</p>' +
        '<p>' + esc(t('username')) + ': <span class="username" id="username">' + esc(sum.superuser.username) + '</span></p>' +
        '<dl><dt>' + esc(t('officialName')) + '</dt><dd>' + esc(sum.officialName) + '</dd><dt>' + esc(t('s3')) + '</dt><dd>' + esc(sum.superuser.firstName + ' ' + sum.superuser.lastName + ' <' + sum.superuser.email + '>') + '</dd></dl>' +
        '<form id="f"><div class="actions"><button type="button" class="secondary" id="print">' + esc(t('print')) + '</button></div>' +
        '<div class="check no-print"><input type="checkbox" id="saved"> <label for="saved">' + esc(t('saved')) + '</label></div>' +
        '<div class="actions"><button class="primary" id="finish" disabled>' + esc(t('finish')) + '</button></div></form>';
    } else {
      html += '<h2>' + esc(t('done')) + '</h2><p>' + esc(t('finished')) + '</p>';
    }
    main.innerHTML = html;
    wire();
  }
  function nav() {
    return '<div class="actions"><button type="button" class="secondary" id="back">' + esc(t('back')) + '</button><button class="primary">' + esc(t('next')) + '</button></div>';
  }
  function go(step) { state.step = step; state.error = null; render(); main.focus(); }

  function wire() {
    var form = document.getElementById('f');
    var back = document.getElementById('back');
    if (back) back.onclick = function () { go(state.step - 1); };
    var again = document.getElementById('again');
    if (again) again.onclick = newCaptcha;
    if (state.step === 6) {
      document.getElementById('print').onclick = function () { window.print(); };
      var saved = document.getElementById('saved');
      saved.onchange = function () { document.getElementById('finish').disabled = !saved.checked; };
    }
    if (!form) return;
    form.onsubmit = function (e) {
      e.preventDefault();
      if (!form.checkValidity()) { state.error = t('required'); render(); return; }
      var v = values(form);
      if (state.step === 1) {
        api('check', { captchaId: state.captcha && state.captcha.captchaId, captchaAnswer: v.captchaAnswer, code: v.code, invitationId: params.get('invitation') || undefined })
          .then(function (r) { state.check = r; go(2); })
          .catch(function (err) { newCaptcha(); fail(err); });
      } else if (state.step === 2) { state.authority = v; go(3); }
      else if (state.step === 3) { state.superuser = v; go(4); }
      else if (state.step === 4) {
        var kw = {}, missing = false;
        state.check.areas.forEach(function (area) {
          kw[area.code] = Array.prototype.map.call(form.querySelectorAll('input[name="' + area.code + '"]:checked'), function (i) { return i.value; });
          if (!kw[area.code].length) missing = true;
        });
        state.keywords = kw;
        if (missing) { state.error = t('s4help'); render(); return; }
        go(5);
      } else if (state.step === 5) {
        var a = state.authority, u = state.superuser;
        api('complete', {
          token: state.check.token,
          authority: {
            officialName: a.officialName, informalTitle: a.informalTitle, informalTitleLanguage: a.informalTitleLanguage, description: a.description || null,
            languages: a.languages.split(/[\s,;]+/).filter(Boolean), addressLines: [a.address], postcode: a.postcode || null, city: a.city,
            phone: a.phone || null, website: a.website || null, contactEmail: a.contactEmail
          },
          superuser: { firstName: u.firstName, lastName: u.lastName, email: u.email, phone: u.phone || null, language: u.language },
          keywords: state.keywords
        }).then(function (sum) { state.summary = sum; go(6); }).catch(fail);
      } else if (state.step === 6) { go(7); }
    };
  }

  document.getElementById('lang').onclick = function () { lang = lang === 'da' ? 'en' : 'da'; render(); };
  render();
  newCaptcha();
})();
