/**
 * Surveys: the CSAT and NPS emails and the public answer page (customers read these, in their
 * language: `{ locale }` from the server), the rating on the ticket, the settings page.
 */
import type { SurveyScore, SurveyScale } from '../../domain/survey';
import { t, type MessageOptions } from '../runtime';

// The email

export const csatEmailSubject = (p: { ticket: string; subject: string }, o?: MessageOptions) =>
  t(o, {
    en: `How did we do? [${p.ticket}] ${p.subject}`,
    fi: `Miten onnistuimme? [${p.ticket}] ${p.subject}`,
    da: `Hvordan klarede vi os? [${p.ticket}] ${p.subject}`
  });

export const csatEmailIntro = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Your request ${p.ticket} has been solved. How would you rate the support you received?`,
    fi: `Pyyntösi ${p.ticket} on ratkaistu. Millaisena koit saamasi tuen?`,
    da: `Din henvendelse ${p.ticket} er løst. Hvordan vil du vurdere den hjælp, du fik?`
  });

export const npsEmailSubject = (o?: MessageOptions) =>
  t(o, {
    en: 'How likely are you to recommend us?',
    fi: 'Kuinka todennäköisesti suosittelisit meitä?',
    da: 'Hvor sandsynligt er det, at du vil anbefale os?'
  });

export const npsQuestion = (o?: MessageOptions) =>
  t(o, {
    en: 'On a scale from 0 to 10, how likely are you to recommend us to a friend or colleague?',
    fi: 'Asteikolla 0–10, kuinka todennäköisesti suosittelisit meitä ystävälle tai kollegalle?',
    da: 'På en skala fra 0 til 10, hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?'
  });

export const emailOneClick = (o?: MessageOptions) =>
  t(o, {
    en: 'One click records your answer. On the page that opens you can change it and add a comment.',
    fi: 'Yksi napsautus tallentaa vastauksesi. Avautuvalla sivulla voit muuttaa sitä ja lisätä kommentin.',
    da: 'Ét klik gemmer dit svar. På siden, der åbner, kan du ændre det og tilføje en kommentar.'
  });

export const emailLinkUntil = (p: { date: string }, o?: MessageOptions) =>
  t(o, {
    en: `The links work until ${p.date}.`,
    fi: `Linkit toimivat ${p.date} asti.`,
    da: `Linkene virker indtil ${p.date}.`
  });

// Answers

const ONE_TO_FIVE = {
  1: { en: 'Very bad', fi: 'Erittäin huono', da: 'Meget dårlig' },
  2: { en: 'Bad', fi: 'Huono', da: 'Dårlig' },
  3: { en: 'Okay', fi: 'Kohtalainen', da: 'Middel' },
  4: { en: 'Good', fi: 'Hyvä', da: 'God' },
  5: { en: 'Very good', fi: 'Erittäin hyvä', da: 'Meget god' }
} as const;

/** An answer as the customer picks it: "Good, I'm satisfied", "4 – Good", "9". */
export const scoreLabel = (p: { score: SurveyScore; scale: SurveyScale }, o?: MessageOptions) => {
  if (p.score === 'good')
    return t(o, {
      en: 'Good, I’m satisfied',
      fi: 'Hyvä, olen tyytyväinen',
      da: 'God, jeg er tilfreds'
    });
  if (p.score === 'bad')
    return t(o, {
      en: 'Bad, I’m not satisfied',
      fi: 'Huono, en ole tyytyväinen',
      da: 'Dårlig, jeg er ikke tilfreds'
    });
  if (p.scale === 'one-to-five' && p.score >= 1 && p.score <= 5) {
    const words = ONE_TO_FIVE[p.score as 1 | 2 | 3 | 4 | 5];
    return t(o, {
      en: `${p.score} – ${words.en}`,
      fi: `${p.score} – ${words.fi}`,
      da: `${p.score} – ${words.da}`
    });
  }
  return String(p.score);
};

export const npsLowEnd = (o?: MessageOptions) =>
  t(o, {
    en: '0 = not at all likely',
    fi: '0 = en lainkaan todennäköisesti',
    da: '0 = slet ikke sandsynligt'
  });

export const npsHighEnd = (o?: MessageOptions) =>
  t(o, {
    en: '10 = extremely likely',
    fi: '10 = erittäin todennäköisesti',
    da: '10 = meget sandsynligt'
  });

// The public page

export const csatPageTitle = (o?: MessageOptions) =>
  t(o, { en: 'Rate our support', fi: 'Arvioi asiakastukemme', da: 'Bedøm vores support' });

export const npsPageTitle = (o?: MessageOptions) =>
  t(o, { en: 'Would you recommend us?', fi: 'Suosittelisitko meitä?', da: 'Vil du anbefale os?' });

export const csatQuestion = (p: { ticket: string; subject: string }, o?: MessageOptions) =>
  t(o, {
    en: `How would you rate the support you received with ${p.ticket} “${p.subject}”?`,
    fi: `Millaisena koit tuen, jonka sait asiassa ${p.ticket} ”${p.subject}”?`,
    da: `Hvordan vil du vurdere den hjælp, du fik med ${p.ticket} »${p.subject}«?`
  });

export const yourAnswerLegend = (o?: MessageOptions) =>
  t(o, { en: 'Your answer', fi: 'Vastauksesi', da: 'Dit svar' });

export const commentLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Anything you would like to tell us? (optional)',
    fi: 'Haluatko kertoa meille jotain? (vapaaehtoinen)',
    da: 'Er der noget, du vil fortælle os? (valgfrit)'
  });

export const sendAnswer = (o?: MessageOptions) => t(o, { en: 'Send', fi: 'Lähetä', da: 'Indsend' });

export const answerSaved = (o?: MessageOptions) =>
  t(o, {
    en: 'Thank you! Your answer is saved. You can change it or add a comment below.',
    fi: 'Kiitos! Vastauksesi on tallennettu. Voit muuttaa sitä tai lisätä kommentin alla.',
    da: 'Tak! Dit svar er gemt. Du kan ændre det eller tilføje en kommentar nedenfor.'
  });

export const chooseAnswer = (o?: MessageOptions) =>
  t(o, { en: 'Choose an answer.', fi: 'Valitse vastaus.', da: 'Vælg et svar.' });

export const commentTooLong = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `The comment is too long (at most ${p.max} characters).`,
    fi: `Kommentti on liian pitkä (enintään ${p.max} merkkiä).`,
    da: `Kommentaren er for lang (højst ${p.max} tegn).`
  });

export const surveyLinkInvalid = (o?: MessageOptions) =>
  t(o, {
    en: 'This survey link is not valid. Please use the link in the email we sent you.',
    fi: 'Tämä kyselylinkki ei kelpaa. Käytä lähettämämme sähköpostin linkkiä.',
    da: 'Dette link til undersøgelsen er ugyldigt. Brug linket i den e-mail, vi sendte dig.'
  });

export const surveyClosed = (o?: MessageOptions) =>
  t(o, {
    en: 'This survey has closed. Thank you all the same.',
    fi: 'Tämä kysely on päättynyt. Kiitos silti.',
    da: 'Denne undersøgelse er lukket. Tak alligevel.'
  });

export const surveyTooMany = (o?: MessageOptions) =>
  t(o, {
    en: 'Too many attempts. Please try again in a few minutes.',
    fi: 'Liian monta yritystä. Yritä uudelleen muutaman minuutin kuluttua.',
    da: 'For mange forsøg. Prøv igen om et par minutter.'
  });

export const surveyUnavailableTitle = (o?: MessageOptions) =>
  t(o, { en: 'Survey', fi: 'Kysely', da: 'Undersøgelse' });

// On the ticket

/** The badge on the ticket and the words of the rating's activity entry. */
export const ratingBadge = (
  p: { kind: 'csat' | 'nps'; score: SurveyScore },
  o?: MessageOptions
) => {
  if (p.kind === 'nps')
    return t(o, {
      en: `NPS answer ${p.score}`,
      fi: `NPS-vastaus ${p.score}`,
      da: `NPS-svar ${p.score}`
    });
  if (p.score === 'good') return t(o, { en: 'Rated good', fi: 'Arvio: hyvä', da: 'Vurderet: god' });
  if (p.score === 'bad')
    return t(o, { en: 'Rated bad', fi: 'Arvio: huono', da: 'Vurderet: dårlig' });
  return t(o, {
    en: `Rated ${p.score} of 5`,
    fi: `Arvio: ${p.score}/5`,
    da: `Vurderet ${p.score} af 5`
  });
};

/** Before the customer's comment on the ticket, next to the rating badge. */
export const ratingCommentLabel = (p: { kind: 'csat' | 'nps' }, o?: MessageOptions) =>
  p.kind === 'nps'
    ? t(o, {
        en: 'Customer’s comment (NPS):',
        fi: 'Asiakkaan kommentti (NPS):',
        da: 'Kundens kommentar (NPS):'
      })
    : t(o, { en: 'Customer’s comment:', fi: 'Asiakkaan kommentti:', da: 'Kundens kommentar:' });

// The settings page

export const surveysTitle = (o?: MessageOptions) =>
  t(o, { en: 'Surveys', fi: 'Kyselyt', da: 'Undersøgelser' });

export const csatSectionTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Customer satisfaction (CSAT)',
    fi: 'Asiakastyytyväisyys (CSAT)',
    da: 'Kundetilfredshed (CSAT)'
  });

export const csatSectionHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'After a ticket is solved, the customer gets an email in their language asking them to rate the support. A bad rating notifies the assignee.',
    fi: 'Kun tiketti on ratkaistu, asiakas saa omalla kielellään sähköpostin, jossa häntä pyydetään arvioimaan tuki. Huonosta arviosta ilmoitetaan käsittelijälle.',
    da: 'Når en sag er løst, får kunden en e-mail på sit eget sprog med en bøn om at vurdere hjælpen. En dårlig vurdering giver besked til den ansvarlige.'
  });

export const npsSectionTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Net Promoter Score (NPS)',
    fi: 'Suositteluindeksi (NPS)',
    da: 'Anbefalingsscore (NPS)'
  });

export const npsSectionHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'Asks customers how likely they are to recommend you (0–10) after a solved ticket, at most once in the interval below.',
    fi: 'Kysyy asiakkailta ratkaistun tiketin jälkeen, kuinka todennäköisesti he suosittelisivat teitä (0–10), enintään kerran alla annetun jakson aikana.',
    da: 'Spørger kunderne efter en løst sag, hvor sandsynligt det er, at de vil anbefale jer (0–10), højst én gang i intervallet nedenfor.'
  });

export const surveyEnabledLabel = (o?: MessageOptions) =>
  t(o, { en: 'Send this survey', fi: 'Lähetä tämä kysely', da: 'Send denne undersøgelse' });

export const surveyDelayLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Delay after the ticket is solved (minutes)',
    fi: 'Viive tiketin ratkaisusta (minuuttia)',
    da: 'Forsinkelse efter sagen er løst (minutter)'
  });

export const surveyChannelsLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Tickets from these channels',
    fi: 'Tiketit näistä kanavista',
    da: 'Sager fra disse kanaler'
  });

export const csatScaleLabel = (o?: MessageOptions) =>
  t(o, { en: 'Scale', fi: 'Asteikko', da: 'Skala' });

export const csatScaleName = (scale: 'good-bad' | 'one-to-five', o?: MessageOptions) =>
  scale === 'good-bad'
    ? t(o, { en: 'Good / bad', fi: 'Hyvä / huono', da: 'God / dårlig' })
    : t(o, { en: '1 to 5', fi: '1–5', da: '1 til 5' });

export const npsIntervalLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Ask a customer at most once in (days)',
    fi: 'Kysy samalta asiakkaalta enintään kerran (päivää)',
    da: 'Spørg en kunde højst én gang på (dage)'
  });

export const saveSurveys = (o?: MessageOptions) =>
  t(o, { en: 'Save surveys', fi: 'Tallenna kyselyt', da: 'Gem undersøgelser' });

export const surveysSaved = (o?: MessageOptions) =>
  t(o, { en: 'Surveys saved.', fi: 'Kyselyt tallennettu.', da: 'Undersøgelserne er gemt.' });

export const surveysReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change the surveys.',
    fi: 'Vain omistajat ja ylläpitäjät voivat muuttaa kyselyitä.',
    da: 'Kun ejere og administratorer kan ændre undersøgelserne.'
  });

export const surveysIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Hear from customers after their tickets are solved. Surveys are emailed from the workspace’s mailbox; answers land on the ticket.',
    fi: 'Kuule asiakkaita, kun heidän tikettinsä on ratkaistu. Kyselyt lähetetään työtilan postilaatikosta, ja vastaukset näkyvät tiketillä.',
    da: 'Hør fra kunderne, når deres sager er løst. Undersøgelserne sendes fra arbejdsområdets postkasse, og svarene lander på sagen.'
  });

export const couldNotSaveSurveys = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not save: ${p.problem}`,
    fi: `Tallennus epäonnistui: ${p.problem}`,
    da: `Kunne ikke gemme: ${p.problem}`
  });
