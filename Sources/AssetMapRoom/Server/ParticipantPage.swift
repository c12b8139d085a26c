/// The page a phone opens: one document, its script and its style, all served by the room (the
/// Content-Security-Policy allows nothing else, so no inline script or style). Everything a
/// person or the map wrote is put on the page with `textContent`, never as markup.
enum ParticipantPage {
    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Review room</title>
        <link rel="stylesheet" href="room.css">
        <script src="room.js" defer></script>
        </head>
        <body>
        <main>
        <h1>Review room</h1>
        <p id="status" role="status" aria-live="polite">Joining…</p>
        <section aria-labelledby="card-heading">
        <h2 id="card-heading">On show now</h2>
        <p id="card-label" class="card-label">Waiting for the facilitator to show a card.</p>
        <p id="card-dimension"></p>
        <p id="card-communities"></p>
        <p id="card-places"></p>
        </section>
        <section aria-labelledby="votes-heading">
        <h2 id="votes-heading">Your votes</h2>
        <p id="votes-here">You have no votes on this card.</p>
        <p id="votes-left"></p>
        <div class="buttons">
        <button type="button" id="vote-add">Add my vote</button>
        <button type="button" id="vote-remove">Take my vote back</button>
        </div>
        </section>
        <section aria-labelledby="note-heading">
        <h2 id="note-heading">A note on this card</h2>
        <form id="note-form">
        <label for="note-text">Your note</label>
        <textarea id="note-text" name="text" rows="3" maxlength="500" required></textarea>
        <label for="note-name">Your name (leave empty to stay anonymous)</label>
        <input id="note-name" name="name" maxlength="60" autocomplete="off">
        <button type="submit">Send the note</button>
        </form>
        </section>
        <section aria-labelledby="suggest-heading">
        <h2 id="suggest-heading">Suggest a barrier</h2>
        <form id="suggest-form">
        <label for="suggest-label">What gets in the way</label>
        <input id="suggest-label" name="label" maxlength="200" required autocomplete="off">
        <fieldset id="suggest-communities">
        <legend>Who it affects</legend>
        </fieldset>
        <label for="suggest-where">Where it happens (optional)</label>
        <input id="suggest-where" name="where" maxlength="200" autocomplete="off">
        <label for="suggest-name">Your name (leave empty to stay anonymous)</label>
        <input id="suggest-name" name="name" maxlength="60" autocomplete="off">
        <button type="submit">Send the suggestion</button>
        </form>
        </section>
        <p class="small">What you send goes to the facilitator, who decides what enters the map.</p>
        </main>
        </body>
        </html>
        """

    static let style = """
        html { font-size: 100%; }
        body { margin: 0; font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5;
          color: #1a1a1a; background: #ffffff; }
        main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
        .card-label { font-size: 1.375rem; font-weight: bold; }
        section { border-top: 2px solid #4c4c4c; }
        label, legend { display: block; margin-top: 0.75rem; font-weight: bold; }
        input, textarea { box-sizing: border-box; width: 100%; font: inherit; padding: 0.5rem;
          border: 2px solid #4c4c4c; border-radius: 4px; color: inherit; background: #ffffff; }
        fieldset { border: none; padding: 0; margin: 0.75rem 0 0; }
        fieldset label { font-weight: normal; display: flex; gap: 0.5rem; align-items: center; min-height: 2.75rem; }
        fieldset input { width: 1.5rem; height: 1.5rem; }
        button { font: inherit; min-height: 2.75rem; padding: 0.5rem 1rem; margin: 0.75rem 0.5rem 0 0;
          border: 2px solid #003f87; border-radius: 4px; background: #005eb8; color: #ffffff; }
        button:disabled { background: #ffffff; color: #4c4c4c; border-color: #4c4c4c; }
        :focus-visible { outline: 3px solid #ffb81c; outline-offset: 2px; }
        #status { font-weight: bold; }
        .small { font-size: 1rem; color: #4c4c4c; }
        """

    static let script = """
        'use strict';
        let view = null;
        let communitiesShown = false;
        const $ = (id) => document.getElementById(id);

        function say(text) { $('status').textContent = text; }

        async function send(path, body) {
          try {
            const response = await fetch(path, {
              method: 'POST', credentials: 'same-origin',
              headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {})
            });
            const data = await response.json().catch(() => ({}));
            if (!response.ok) { say(data.error || 'Not sent; please try again.'); return false; }
            show(data);
            return true;
          } catch (e) {
            say('Not sent: the room cannot be reached.');
            return false;
          }
        }

        function list(id, title, items) {
          $(id).textContent = items && items.length ? title + ': ' + items.join(', ') : '';
        }

        function show(next) {
          view = next;
          const card = view.card;
          $('card-label').textContent = card ? card.label : 'Waiting for the facilitator to show a card.';
          $('card-dimension').textContent = card && card.dimension ? 'Dimension: ' + card.dimension : '';
          list('card-communities', 'Affects', card ? card.communities : []);
          list('card-places', 'Where', card ? card.places : []);
          const here = view.votesHere;
          $('votes-here').textContent = here === 0 ? 'You have no votes on this card.'
            : 'You have ' + here + (here === 1 ? ' vote' : ' votes') + ' on this card.';
          $('votes-left').textContent = view.votesLeft + ' of your ' + view.allowance + ' votes left.';
          $('vote-add').disabled = !card || view.votesLeft <= 0;
          $('vote-remove').disabled = !card || here <= 0;
          if (!communitiesShown && view.communities) {
            communitiesShown = true;
            const box = $('suggest-communities');
            view.communities.forEach((c, i) => {
              const label = document.createElement('label');
              const input = document.createElement('input');
              input.type = 'checkbox'; input.value = c.id; input.id = 'community-' + i;
              label.htmlFor = input.id;
              label.appendChild(input);
              label.appendChild(document.createTextNode(c.label));
              box.appendChild(label);
            });
          }
        }

        async function vote(delta) {
          if (!view || !view.card) return;
          if (await send('vote', { barrier: view.card.id, delta: delta })) {
            say(delta > 0 ? 'Your vote is counted.' : 'Your vote is taken back.');
          }
        }

        async function start() {
          $('vote-add').addEventListener('click', () => vote(1));
          $('vote-remove').addEventListener('click', () => vote(-1));
          $('note-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            const text = $('note-text').value, name = $('note-name').value;
            if (await send('note', { text: text, name: name || null })) {
              $('note-text').value = '';
              say('Your note is with the facilitator.');
            }
          });
          $('suggest-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            const chosen = Array.from(document.querySelectorAll('#suggest-communities input:checked')).map((i) => i.value);
            const body = { label: $('suggest-label').value, communities: chosen,
              where: $('suggest-where').value || null, name: $('suggest-name').value || null };
            if (await send('suggest', body)) {
              $('suggest-label').value = ''; $('suggest-where').value = '';
              document.querySelectorAll('#suggest-communities input').forEach((i) => { i.checked = false; });
              say('Your suggestion is with the facilitator.');
            }
          });
          if (await send('join')) {
            say('You are in the room.');
            const events = new EventSource('events');
            events.onmessage = (message) => { show(JSON.parse(message.data)); };
          }
        }

        start();
        """
}
