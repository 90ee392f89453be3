/**
 * The public help centre (customers read these, in the page's language: `{ locale }` from the
 * server), its settings page, and the customers' feedback on an article in the app.
 */
import { plural, t, type MessageOptions } from '../runtime';

// The public pages

export const helpSkipToContent = (o?: MessageOptions) =>
  t(o, { en: 'Skip to content', fi: 'Siirry sisältöön', da: 'Gå til indholdet' });

export const helpSearchLabel = (o?: MessageOptions) =>
  t(o, { en: 'Search articles', fi: 'Hae artikkeleista', da: 'Søg i artiklerne' });

export const helpSearchButton = (o?: MessageOptions) =>
  t(o, { en: 'Search', fi: 'Hae', da: 'Søg' });

export const helpCategoriesTitle = (o?: MessageOptions) =>
  t(o, { en: 'Categories', fi: 'Aihealueet', da: 'Kategorier' });

export const helpLatestTitle = (o?: MessageOptions) =>
  t(o, { en: 'Latest articles', fi: 'Uusimmat artikkelit', da: 'Nyeste artikler' });

export const helpOtherArticles = (o?: MessageOptions) =>
  t(o, { en: 'Other articles', fi: 'Muut artikkelit', da: 'Andre artikler' });

export const helpNoArticles = (o?: MessageOptions) =>
  t(o, {
    en: 'No articles have been published yet.',
    fi: 'Artikkeleita ei ole vielä julkaistu.',
    da: 'Der er ikke udgivet nogen artikler endnu.'
  });

export const helpArticleCount = (p: { count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: '# article', other: '# articles' },
    fi: { one: '# artikkeli', other: '# artikkelia' },
    da: { one: '# artikel', other: '# artikler' }
  });

export const helpResultsTitle = (p: { query: string }, o?: MessageOptions) =>
  t(o, {
    en: `Results for “${p.query}”`,
    fi: `Hakutulokset: ”${p.query}”`,
    da: `Resultater for “${p.query}”`
  });

export const helpNoResults = (o?: MessageOptions) =>
  t(o, {
    en: 'No articles match your search. Try other words.',
    fi: 'Hakuasi vastaavia artikkeleita ei löytynyt. Kokeile muita sanoja.',
    da: 'Ingen artikler matcher din søgning. Prøv med andre ord.'
  });

export const helpSearchTooLong = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `Search with at most ${p.max} characters.`,
    fi: `Hakusanoissa voi olla enintään ${p.max} merkkiä.`,
    da: `Søg med højst ${p.max} tegn.`
  });

export const helpHome = (o?: MessageOptions) =>
  t(o, { en: 'All articles', fi: 'Kaikki artikkelit', da: 'Alle artikler' });

export const helpBreadcrumbs = (o?: MessageOptions) =>
  t(o, { en: 'Breadcrumbs', fi: 'Murupolku', da: 'Brødkrummer' });

export const helpNotFoundTitle = (o?: MessageOptions) =>
  t(o, { en: 'Page not found', fi: 'Sivua ei löytynyt', da: 'Siden blev ikke fundet' });

export const helpNotFoundText = (o?: MessageOptions) =>
  t(o, {
    en: 'This page does not exist or is no longer published.',
    fi: 'Sivua ei ole olemassa tai sitä ei enää julkaista.',
    da: 'Siden findes ikke eller er ikke længere udgivet.'
  });

export const helpTooManyTitle = (o?: MessageOptions) =>
  t(o, { en: 'Too many requests', fi: 'Liian monta pyyntöä', da: 'For mange forespørgsler' });

export const helpTooManyText = (o?: MessageOptions) =>
  t(o, {
    en: 'Please wait a moment and try again.',
    fi: 'Odota hetki ja yritä uudelleen.',
    da: 'Vent et øjeblik, og prøv igen.'
  });

export const helpOtherLanguages = (o?: MessageOptions) =>
  t(o, {
    en: 'This article in other languages',
    fi: 'Tämä artikkeli muilla kielillä',
    da: 'Denne artikel på andre sprog'
  });

export const helpPageLanguage = (o?: MessageOptions) =>
  t(o, { en: 'Page language', fi: 'Sivun kieli', da: 'Sidens sprog' });

export const helpUpdated = (p: { date: string }, o?: MessageOptions) =>
  t(o, { en: `Updated ${p.date}`, fi: `Päivitetty ${p.date}`, da: `Opdateret ${p.date}` });

export const helpWasItHelpful = (o?: MessageOptions) =>
  t(o, {
    en: 'Was this article helpful?',
    fi: 'Oliko artikkelista apua?',
    da: 'Var artiklen nyttig?'
  });

export const helpYes = (o?: MessageOptions) => t(o, { en: 'Yes', fi: 'Kyllä', da: 'Ja' });

export const helpNo = (o?: MessageOptions) => t(o, { en: 'No', fi: 'Ei', da: 'Nej' });

export const helpCommentLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'What could we add or explain better? (optional)',
    fi: 'Mitä voisimme lisätä tai selittää paremmin? (valinnainen)',
    da: 'Hvad kunne vi tilføje eller forklare bedre? (valgfrit)'
  });

export const helpHoneypotLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Leave this field empty',
    fi: 'Jätä tämä kenttä tyhjäksi',
    da: 'Lad dette felt være tomt'
  });

export const helpThanks = (o?: MessageOptions) =>
  t(o, {
    en: 'Thank you for your feedback.',
    fi: 'Kiitos palautteestasi.',
    da: 'Tak for din feedback.'
  });

export const helpPressAgain = (o?: MessageOptions) =>
  t(o, {
    en: 'Please press your answer once more to send it.',
    fi: 'Lähetä vastauksesi painamalla painiketta vielä kerran.',
    da: 'Tryk på dit svar én gang til for at sende det.'
  });

export const helpFeedbackLimited = (o?: MessageOptions) =>
  t(o, {
    en: 'We have received a lot of feedback from you. Please try again later.',
    fi: 'Olemme saaneet sinulta paljon palautetta. Yritä myöhemmin uudelleen.',
    da: 'Vi har modtaget meget feedback fra dig. Prøv igen senere.'
  });

export const helpCommentTooLong = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `The comment can be at most ${p.max} characters.`,
    fi: `Kommentissa voi olla enintään ${p.max} merkkiä.`,
    da: `Kommentaren må højst være på ${p.max} tegn.`
  });

export const helpChooseAnswer = (o?: MessageOptions) =>
  t(o, { en: 'Choose yes or no.', fi: 'Valitse kyllä tai ei.', da: 'Vælg ja eller nej.' });

// The settings page

export const helpCentreTitle = (o?: MessageOptions) =>
  t(o, { en: 'Help centre', fi: 'Ohjekeskus', da: 'Hjælpecenter' });

export const helpCentreIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'A public site where customers read your published public articles, search them and say whether they helped. Drafts and internal articles are never shown.',
    fi: 'Julkinen sivusto, jolla asiakkaat lukevat julkaistuja julkisia artikkeleitanne, hakevat niistä ja kertovat, oliko niistä apua. Luonnoksia ja sisäisiä artikkeleita ei näytetä koskaan.',
    da: 'Et offentligt websted, hvor kunderne læser jeres udgivne offentlige artikler, søger i dem og fortæller, om de hjalp. Kladder og interne artikler vises aldrig.'
  });

export const helpCentreEnabled = (o?: MessageOptions) =>
  t(o, {
    en: 'Publish the help centre',
    fi: 'Julkaise ohjekeskus',
    da: 'Udgiv hjælpecentret'
  });

export const helpCentreSlugLabel = (o?: MessageOptions) =>
  t(o, { en: 'Address', fi: 'Osoite', da: 'Adresse' });

export const helpCentreSlugHelp = (o?: MessageOptions) =>
  t(o, {
    en: '3–40 lowercase letters, digits and dashes; the help centre is at /help/<address>.',
    fi: '3–40 pientä kirjainta, numeroa ja yhdysmerkkiä; ohjekeskus on osoitteessa /help/<osoite>.',
    da: '3–40 små bogstaver, tal og bindestreger; hjælpecentret ligger på /help/<adresse>.'
  });

export const helpCentreNameLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Name shown to customers',
    fi: 'Asiakkaille näytettävä nimi',
    da: 'Navn, som kunderne ser'
  });

export const helpCentreColourLabel = (o?: MessageOptions) =>
  t(o, { en: 'Colour', fi: 'Väri', da: 'Farve' });

export const helpCentreColourHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'Text and links are darkened where needed so that they stay readable.',
    fi: 'Tekstiä ja linkkejä tummennetaan tarvittaessa, jotta ne pysyvät luettavina.',
    da: 'Tekst og links gøres mørkere efter behov, så de forbliver læselige.'
  });

export const saveHelpCentre = (o?: MessageOptions) =>
  t(o, { en: 'Save help centre', fi: 'Tallenna ohjekeskus', da: 'Gem hjælpecenter' });

export const helpCentreSaved = (o?: MessageOptions) =>
  t(o, {
    en: 'Help centre saved.',
    fi: 'Ohjekeskus tallennettu.',
    da: 'Hjælpecentret er gemt.'
  });

export const couldNotSaveHelpCentre = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not save: ${p.problem}`,
    fi: `Tallennus ei onnistunut: ${p.problem}`,
    da: `Kunne ikke gemme: ${p.problem}`
  });

export const helpCentreReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change the help centre.',
    fi: 'Vain omistajat ja ylläpitäjät voivat muuttaa ohjekeskusta.',
    da: 'Kun ejere og administratorer kan ændre hjælpecentret.'
  });

export const helpCentreLive = (o?: MessageOptions) =>
  t(o, {
    en: 'The help centre is public at',
    fi: 'Ohjekeskus on julkisesti osoitteessa',
    da: 'Hjælpecentret er offentligt på'
  });

export const helpCentreSlugTaken = (o?: MessageOptions) =>
  t(o, {
    en: 'Another workspace already uses this address. Choose another one.',
    fi: 'Toinen työtila käyttää jo tätä osoitetta. Valitse toinen.',
    da: 'Et andet arbejdsområde bruger allerede denne adresse. Vælg en anden.'
  });

export const helpCentreNotPublished = (o?: MessageOptions) =>
  t(o, {
    en: 'The help centre is not published.',
    fi: 'Ohjekeskusta ei ole julkaistu.',
    da: 'Hjælpecentret er ikke udgivet.'
  });

// Feedback on an article, in the app

export const articleFeedbackTitle = (o?: MessageOptions) =>
  t(o, { en: 'Customer feedback', fi: 'Asiakaspalaute', da: 'Kundefeedback' });

export const articleFeedbackCounts = (p: { yes: number; no: number }, o?: MessageOptions) =>
  t(o, {
    en: `Helpful: ${p.yes} · Not helpful: ${p.no}`,
    fi: `Hyödyllinen: ${p.yes} · Ei hyödyllinen: ${p.no}`,
    da: `Nyttig: ${p.yes} · Ikke nyttig: ${p.no}`
  });

export const articleFeedbackNone = (o?: MessageOptions) =>
  t(o, {
    en: 'No feedback from the help centre yet.',
    fi: 'Ohjekeskuksesta ei ole vielä palautetta.',
    da: 'Ingen feedback fra hjælpecentret endnu.'
  });

export const articleFeedbackHelpful = (o?: MessageOptions) =>
  t(o, { en: 'Helpful', fi: 'Hyödyllinen', da: 'Nyttig' });

export const articleFeedbackNotHelpful = (o?: MessageOptions) =>
  t(o, { en: 'Not helpful', fi: 'Ei hyödyllinen', da: 'Ikke nyttig' });

export const articleFeedbackLoadFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the feedback.',
    fi: 'Palautetta ei voitu ladata.',
    da: 'Feedbacken kunne ikke indlæses.'
  });
