/** The member's own page: their language, and later their hours, devices and tokens. */
import { t, type MessageOptions } from '../runtime';

export const profileTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your profile', fi: 'Oma profiili', da: 'Din profil' });

export const languageLabel = (o?: MessageOptions) =>
  t(o, { en: 'Language', fi: 'Kieli', da: 'Sprog' });

export const languageHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Baton speaks this language on every device you sign in on.',
    fi: 'Baton käyttää tätä kieltä kaikilla laitteilla, joilla kirjaudut sisään.',
    da: 'Baton taler dette sprog på alle enheder, du logger ind på.'
  });

export const couldNotChangeLanguage = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the language',
    fi: 'Kielen vaihto epäonnistui',
    da: 'Sproget kunne ikke skiftes'
  });

// Working hours and time zone ------------------------------------------------------------------

export const workingHoursTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your working hours', fi: 'Oma työaika', da: 'Din arbejdstid' });

export const workingHoursIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'The team page shows from these when you are on shift, in your own local time.',
    fi: 'Tiimisivu näyttää näiden perusteella, milloin olet vuorossa, omassa paikallisessa ajassasi.',
    da: 'Teamsiden viser ud fra disse, hvornår du er på vagt, i din egen lokale tid.'
  });

export const timeZoneField = (o?: MessageOptions) =>
  t(o, { en: 'Time zone', fi: 'Aikavyöhyke', da: 'Tidszone' });

export const overnightHint = (o?: MessageOptions) =>
  t(o, {
    en: 'A shift that ends before it starts runs past midnight.',
    fi: 'Vuoro, joka päättyy ennen alkamistaan, jatkuu yli puolenyön.',
    da: 'En vagt, der slutter, før den starter, går hen over midnat.'
  });

export const saveHours = (o?: MessageOptions) =>
  t(o, { en: 'Save working hours', fi: 'Tallenna työaika', da: 'Gem arbejdstid' });

export const hoursSaved = (o?: MessageOptions) =>
  t(o, { en: 'Working hours saved.', fi: 'Työaika tallennettu.', da: 'Arbejdstiden er gemt.' });

export const couldNotSaveHours = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save your working hours',
    fi: 'Työajan tallennus epäonnistui',
    da: 'Arbejdstiden kunne ikke gemmes'
  });

export const invalidHours = (o?: MessageOptions) =>
  t(o, {
    en: 'Give a start and an end time, and a time zone from the list.',
    fi: 'Anna alkamis- ja päättymisaika sekä aikavyöhyke listalta.',
    da: 'Angiv et start- og sluttidspunkt og en tidszone fra listen.'
  });

export const hoursReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Your role cannot change member profiles; an owner or admin can set your hours.',
    fi: 'Roolisi ei voi muuttaa jäsenprofiileja; omistaja tai ylläpitäjä voi asettaa työaikasi.',
    da: 'Din rolle kan ikke ændre medlemsprofiler; en ejer eller administrator kan angive din arbejdstid.'
  });

export const profileLoading = (o?: MessageOptions) =>
  t(o, {
    en: 'Loading your profile…',
    fi: 'Ladataan profiilia…',
    da: 'Indlæser din profil…'
  });

// Working hours per weekday (#12 item 6) -------------------------------------------------------

export const memberProfileTitle = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Profile of ${p.name}`,
    fi: `Käyttäjän ${p.name} profiili`,
    da: `Profil for ${p.name}`
  });

export const memberHoursTitle = (o?: MessageOptions) =>
  t(o, { en: 'Working hours', fi: 'Työaika', da: 'Arbejdstid' });

export const weeklyHoursField = (o?: MessageOptions) =>
  t(o, {
    en: 'Hours per weekday, in this time zone',
    fi: 'Työaika viikonpäivittäin tällä aikavyöhykkeellä',
    da: 'Arbejdstid pr. ugedag i denne tidszone'
  });

export const dayOff = (o?: MessageOptions) => t(o, { en: 'Off', fi: 'Vapaa', da: 'Fri' });

export const addShift = (o?: MessageOptions) =>
  t(o, { en: 'Add hours', fi: 'Lisää työaika', da: 'Tilføj tidsrum' });

export const removeShift = (p: { day: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove these hours on ${p.day}`,
    fi: `Poista tämä työaika (${p.day})`,
    da: `Fjern dette tidsrum (${p.day})`
  });

export const shiftFrom = (p: { day: string }, o?: MessageOptions) =>
  t(o, { en: `${p.day} from`, fi: `${p.day} alkaen`, da: `${p.day} fra` });

export const shiftUntil = (p: { day: string }, o?: MessageOptions) =>
  t(o, { en: `${p.day} until`, fi: `${p.day} asti`, da: `${p.day} til` });

export const copyMondayToWeekdays = (o?: MessageOptions) =>
  t(o, {
    en: 'Copy Monday to Tuesday–Friday',
    fi: 'Kopioi maanantai tiistaista perjantaihin',
    da: 'Kopiér mandag til tirsdag–fredag'
  });

export const hoursOverlap = (o?: MessageOptions) =>
  t(o, {
    en: 'These hours overlap.',
    fi: 'Nämä työajat menevät päällekkäin.',
    da: 'Disse tidsrum overlapper hinanden.'
  });

export const hoursBackwards = (o?: MessageOptions) =>
  t(o, {
    en: 'Hours must end after they start.',
    fi: 'Työajan on päätyttävä alkamisensa jälkeen.',
    da: 'Et tidsrum skal slutte, efter det begynder.'
  });

export const profileSaved = (o?: MessageOptions) =>
  t(o, { en: 'Profile saved.', fi: 'Profiili tallennettu.', da: 'Profilen er gemt.' });

export const couldNotSaveProfile = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the profile',
    fi: 'Profiilin tallennus epäonnistui',
    da: 'Profilen kunne ikke gemmes'
  });

export const otherProfilesAdminsOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change other members’ profiles.',
    fi: 'Vain omistajat ja ylläpitäjät voivat muuttaa muiden jäsenten profiileja.',
    da: 'Kun ejere og administratorer kan ændre andre medlemmers profiler.'
  });

export const noSuchMember = (o?: MessageOptions) =>
  t(o, {
    en: 'There is no such member in this workspace.',
    fi: 'Työtilassa ei ole tällaista jäsentä.',
    da: 'Der er intet sådant medlem i dette arbejdsområde.'
  });

export const backToTeam = (o?: MessageOptions) =>
  t(o, { en: 'Back to the team', fi: 'Takaisin tiimiin', da: 'Tilbage til teamet' });

export const editProfileOf = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Edit the profile of ${p.name}`,
    fi: `Muokkaa käyttäjän ${p.name} profiilia`,
    da: `Redigér profilen for ${p.name}`
  });

export const editProfile = (o?: MessageOptions) =>
  t(o, { en: 'Edit', fi: 'Muokkaa', da: 'Redigér' });

// Vacations and out of office ------------------------------------------------------------------

export const awayTitle = (o?: MessageOptions) =>
  t(o, { en: 'Vacations and out of office', fi: 'Lomat ja poissaolot', da: 'Ferie og fravær' });

export const awayIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'When a period begins, Baton hands the open tickets to the substitute, or back to the queue, and routing assigns nothing new until it ends. Times are in the member’s time zone.',
    fi: 'Poissaolon alkaessa Baton antaa avoimet tiketit sijaiselle tai takaisin jonoon, eikä reititys anna uusia ennen sen päättymistä. Ajat ovat jäsenen aikavyöhykkeellä.',
    da: 'Når et fravær begynder, giver Baton de åbne sager til stedfortræderen eller tilbage til køen, og fordelingen tildeler ingen nye, før det slutter. Tiderne er i medlemmets tidszone.'
  });

export const awayKindLabel = (kind: 'vacation' | 'out-of-office', o?: MessageOptions) =>
  kind === 'vacation'
    ? t(o, { en: 'Vacation', fi: 'Loma', da: 'Ferie' })
    : t(o, { en: 'Out of office', fi: 'Poissa toimistolta', da: 'Ikke på kontoret' });

export const awayKindField = (o?: MessageOptions) => t(o, { en: 'Kind', fi: 'Tyyppi', da: 'Type' });

export const awayFirstDay = (o?: MessageOptions) =>
  t(o, { en: 'First day', fi: 'Ensimmäinen päivä', da: 'Første dag' });

export const awayLastDay = (o?: MessageOptions) =>
  t(o, { en: 'Last day', fi: 'Viimeinen päivä', da: 'Sidste dag' });

export const awayFrom = (o?: MessageOptions) => t(o, { en: 'From', fi: 'Alkaen', da: 'Fra' });

export const awayUntil = (o?: MessageOptions) => t(o, { en: 'Until', fi: 'Asti', da: 'Til' });

export const substituteField = (o?: MessageOptions) =>
  t(o, { en: 'Substitute', fi: 'Sijainen', da: 'Stedfortræder' });

export const substituteQueue = (o?: MessageOptions) =>
  t(o, {
    en: 'Nobody: back to the queue',
    fi: 'Ei ketään: takaisin jonoon',
    da: 'Ingen: tilbage til køen'
  });

export const addAway = (o?: MessageOptions) =>
  t(o, { en: 'Add period', fi: 'Lisää poissaolo', da: 'Tilføj fravær' });

export const removeAway = (p: { what: string }, o?: MessageOptions) =>
  t(o, { en: `Remove ${p.what}`, fi: `Poista ${p.what}`, da: `Fjern ${p.what}` });

export const noAwayAhead = (o?: MessageOptions) =>
  t(o, {
    en: 'No vacations or out-of-office periods ahead.',
    fi: 'Ei tulevia lomia tai poissaoloja.',
    da: 'Ingen kommende ferier eller fravær.'
  });

export const awayNow = (o?: MessageOptions) =>
  t(o, { en: 'Away now', fi: 'Poissa nyt', da: 'Væk nu' });

export const awayToSubstitute = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Tickets go to ${p.name}`,
    fi: `Tiketit menevät käyttäjälle ${p.name}`,
    da: `Sagerne går til ${p.name}`
  });

export const awayToQueue = (o?: MessageOptions) =>
  t(o, {
    en: 'Tickets go back to the queue',
    fi: 'Tiketit palaavat jonoon',
    da: 'Sagerne går tilbage til køen'
  });

export const awayEndsBeforeStart = (o?: MessageOptions) =>
  t(o, {
    en: 'The period must end after it starts.',
    fi: 'Poissaolon on päätyttävä alkamisensa jälkeen.',
    da: 'Fraværet skal slutte, efter det begynder.'
  });

export const awayOverlaps = (o?: MessageOptions) =>
  t(o, {
    en: 'This overlaps another period.',
    fi: 'Tämä menee päällekkäin toisen poissaolon kanssa.',
    da: 'Dette overlapper et andet fravær.'
  });

export const awayIncomplete = (o?: MessageOptions) =>
  t(o, {
    en: 'Give a start and an end.',
    fi: 'Anna alku ja loppu.',
    da: 'Angiv en start og en slutning.'
  });

// Skills ---------------------------------------------------------------------------------------

export const skillsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Skills', fi: 'Taidot', da: 'Færdigheder' });

export const skillsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Languages and products, such as fi or billing. Routing gives a ticket that needs a skill to someone who has it.',
    fi: 'Kielet ja tuotteet, esimerkiksi fi tai billing. Reititys antaa taitoa vaativan tiketin jollekulle, jolla se on.',
    da: 'Sprog og produkter, f.eks. da eller billing. Fordelingen giver en sag, der kræver en færdighed, til en, der har den.'
  });

export const newSkillField = (o?: MessageOptions) =>
  t(o, { en: 'New skills', fi: 'Uudet taidot', da: 'Nye færdigheder' });

export const addSkill = (o?: MessageOptions) => t(o, { en: 'Add', fi: 'Lisää', da: 'Tilføj' });

export const removeSkill = (p: { skill: string }, o?: MessageOptions) =>
  t(o, { en: `Remove ${p.skill}`, fi: `Poista ${p.skill}`, da: `Fjern ${p.skill}` });

export const noSkills = (o?: MessageOptions) =>
  t(o, { en: 'No skills yet.', fi: 'Ei vielä taitoja.', da: 'Ingen færdigheder endnu.' });

export const invalidSkill = (o?: MessageOptions) =>
  t(o, {
    en: 'A skill is one word of at most 40 characters, 30 skills at most.',
    fi: 'Taito on yksi enintään 40 merkin sana, enintään 30 taitoa.',
    da: 'En færdighed er ét ord på højst 40 tegn, højst 30 færdigheder.'
  });
