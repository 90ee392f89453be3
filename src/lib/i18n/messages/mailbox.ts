/** The workspace's mailbox (IMAP in, SMTP out) and importing old mail. */
import { plural, t, type MessageOptions } from '../runtime';

export const mailboxTitle = (o?: MessageOptions) =>
  t(o, { en: 'Mailbox', fi: 'Postilaatikko', da: 'Postkasse' });

export const mailboxIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Customer email to this address becomes tickets; public replies go out from it.',
    fi: 'Asiakkaiden sähköposteista tähän osoitteeseen tulee tikettejä, ja julkiset vastaukset lähtevät siitä.',
    da: 'Kundernes e-mails til denne adresse bliver til sager, og offentlige svar sendes fra den.'
  });

export const importOldMail = (o?: MessageOptions) =>
  t(o, { en: 'Import old mail', fi: 'Tuo vanhaa postia', da: 'Importér gammel post' });

export const mailboxSaved = (o?: MessageOptions) =>
  t(o, { en: 'Mailbox saved', fi: 'Postilaatikko tallennettu', da: 'Postkassen er gemt' });

export const couldNotLoadMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the mailbox settings',
    fi: 'Postilaatikon asetuksia ei voitu ladata',
    da: 'Postkassens indstillinger kunne ikke indlæses'
  });

export const supportAddress = (o?: MessageOptions) =>
  t(o, { en: 'Support address', fi: 'Tukiosoite', da: 'Supportadresse' });

export const addressField = (o?: MessageOptions) =>
  t(o, { en: 'Address', fi: 'Osoite', da: 'Adresse' });

/** An example address in the empty field. */
export const addressExample = (o?: MessageOptions) =>
  t(o, { en: 'support@example.com', fi: 'tuki@esimerkki.fi', da: 'support@eksempel.dk' });

export const nameOnReplies = (o?: MessageOptions) =>
  t(o, { en: 'Name on replies', fi: 'Lähettäjän nimi vastauksissa', da: 'Afsendernavn på svar' });

/** The sender name a new mailbox starts with. */
export const defaultSenderName = (o?: MessageOptions) =>
  t(o, { en: 'Support', fi: 'Asiakastuki', da: 'Kundeservice' });

export const incomingMail = (o?: MessageOptions) =>
  t(o, {
    en: 'Incoming mail (IMAP)',
    fi: 'Saapuva posti (IMAP)',
    da: 'Indgående post (IMAP)'
  });

export const folderField = (o?: MessageOptions) =>
  t(o, { en: 'Folder', fi: 'Kansio', da: 'Mappe' });

export const afterProcessing = (o?: MessageOptions) =>
  t(o, { en: 'After processing', fi: 'Käsittelyn jälkeen', da: 'Efter behandling' });

export const markReadAndFlag = (o?: MessageOptions) =>
  t(o, {
    en: 'Mark read and flag',
    fi: 'Merkitse luetuksi ja liputa',
    da: 'Markér som læst, og sæt flag'
  });

export const moveToFolder = (o?: MessageOptions) =>
  t(o, { en: 'Move to a folder', fi: 'Siirrä kansioon', da: 'Flyt til en mappe' });

export const processedFolder = (o?: MessageOptions) =>
  t(o, {
    en: 'Folder for processed mail',
    fi: 'Käsitellyn postin kansio',
    da: 'Mappe til behandlet post'
  });

export const outgoingMail = (o?: MessageOptions) =>
  t(o, {
    en: 'Outgoing mail (SMTP)',
    fi: 'Lähtevä posti (SMTP)',
    da: 'Udgående post (SMTP)'
  });

export const threading = (o?: MessageOptions) =>
  t(o, { en: 'Threading', fi: 'Viestiketjut', da: 'Tråde' });

export const reopenWithin = (o?: MessageOptions) =>
  t(o, {
    en: 'Reopen a closed ticket on a reply within (days)',
    fi: 'Vastaus avaa suljetun tiketin uudelleen, jos se tulee (päivän) kuluessa',
    da: 'Et svar genåbner en lukket sag, hvis det kommer inden for (dage)'
  });

export const testConnection = (o?: MessageOptions) =>
  t(o, { en: 'Test connection', fi: 'Testaa yhteys', da: 'Test forbindelsen' });

export const save = (o?: MessageOptions) => t(o, { en: 'Save', fi: 'Tallenna', da: 'Gem' });

/** The mailbox test: what worked. */
export const imapConnected = (p: { folder: string }, o?: MessageOptions) =>
  t(o, {
    en: `Connected: the folder ${p.folder} can be read.`,
    fi: `Yhteys toimii: kansio ${p.folder} voidaan lukea.`,
    da: `Forbundet: mappen ${p.folder} kan læses.`
  });

export const smtpAccepts = (o?: MessageOptions) =>
  t(o, {
    en: 'Connected: the SMTP server accepts us.',
    fi: 'Yhteys toimii: SMTP-palvelin hyväksyy lähetykset.',
    da: 'Forbundet: SMTP-serveren accepterer os.'
  });

/** What the mailbox watcher is doing now. */
export const watcherConnecting = (o?: MessageOptions) =>
  t(o, {
    en: 'Connecting to the mail server…',
    fi: 'Yhdistetään postipalvelimeen…',
    da: 'Forbinder til mailserveren…'
  });

export const watcherWatching = (p: { folder: string }, o?: MessageOptions) =>
  t(o, {
    en: `Watching ${p.folder} for new mail.`,
    fi: `Uutta postia seurataan kansiossa ${p.folder}.`,
    da: `Holder øje med ny post i ${p.folder}.`
  });

export const watcherFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'Fetching mail failed; Baton keeps trying. Use Test connection to see why.',
    fi: 'Postin haku epäonnistui, ja sitä yritetään uudelleen. Syyn näkee painamalla Testaa yhteys.',
    da: 'Hentning af post mislykkedes; Baton bliver ved med at prøve. Tryk på Test forbindelsen for at se hvorfor.'
  });

export const watcherStopped = (o?: MessageOptions) =>
  t(o, {
    en: 'Incoming mail is switched off.',
    fi: 'Saapuvan postin haku on pois päältä.',
    da: 'Indgående post er slået fra.'
  });

// The connection fields of one mail server ---------------------------------------------------

// same in all languages: Danish says "server" too (Finnish: "palvelin").
export const serverField = (o?: MessageOptions) =>
  t(o, { en: 'Server', fi: 'Palvelin', da: 'Server' });

// same in all languages: Danish says "port" too (Finnish: "portti").
export const portField = (o?: MessageOptions) => t(o, { en: 'Port', fi: 'Portti', da: 'Port' });

export const securityField = (o?: MessageOptions) =>
  t(o, { en: 'Security', fi: 'Suojaus', da: 'Sikkerhed' });

export const securityNone = (o?: MessageOptions) =>
  t(o, {
    en: 'None (testing only)',
    fi: 'Ei suojausta (vain testaukseen)',
    da: 'Ingen (kun til test)'
  });

export const userField = (o?: MessageOptions) =>
  t(o, { en: 'User', fi: 'Käyttäjätunnus', da: 'Brugernavn' });

export const signInMethod = (o?: MessageOptions) =>
  t(o, { en: 'Sign-in', fi: 'Kirjautumistapa', da: 'Login-metode' });

export const oauthToken = (o?: MessageOptions) =>
  t(o, {
    en: 'OAuth2 access token',
    fi: 'OAuth2-käyttöoikeustunnus',
    da: 'OAuth2-adgangstoken'
  });

export const accessToken = (o?: MessageOptions) =>
  t(o, { en: 'Access token', fi: 'Käyttöoikeustunnus', da: 'Adgangstoken' });

export const secretSaved = (o?: MessageOptions) =>
  t(o, {
    en: 'saved — leave empty to keep',
    fi: 'tallennettu – jätä tyhjäksi, niin se säilyy',
    da: 'gemt – lad feltet stå tomt for at beholde den'
  });

// Importing old mail -------------------------------------------------------------------------

export const importTitle = (o?: MessageOptions) =>
  t(o, { en: 'Import mail', fi: 'Tuo postia', da: 'Importér post' });

export const importIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Upload .mbox or .eml files, for example an export from Outlook. Messages are threaded like live mail; old threads come in closed unless the customer wrote last.',
    fi: 'Lataa .mbox- tai .eml-tiedostoja, esimerkiksi Outlookista viety posti. Viestit ketjutetaan kuten saapuva posti; vanhat ketjut tuodaan suljettuina, ellei asiakas kirjoittanut viimeisenä.',
    da: 'Upload .mbox- eller .eml-filer, for eksempel en eksport fra Outlook. Beskederne samles i tråde som ny post; gamle tråde kommer ind som lukkede, medmindre kunden skrev sidst.'
  });

export const importButton = (o?: MessageOptions) =>
  t(o, { en: 'Import', fi: 'Tuo', da: 'Importér' });

/** `percent` is formatted. */
export const uploading = (p: { percent: string }, o?: MessageOptions) =>
  t(o, {
    en: `Uploading… ${p.percent} %`,
    fi: `Ladataan palvelimelle… ${p.percent} %`,
    da: `Uploader… ${p.percent} %`
  });

/** `done` is formatted; the count is the total. */
export const importedOf = (p: { done: string }, total: number, o?: MessageOptions) =>
  plural(total, o, {
    en: { one: `${p.done} of # message`, other: `${p.done} of # messages` },
    fi: { one: `${p.done}/# viesti`, other: `${p.done}/# viestiä` },
    da: { one: `${p.done} af # besked`, other: `${p.done} af # beskeder` }
  });

export const newTickets = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# new ticket', other: '# new tickets' },
    fi: { one: '# uusi tiketti', other: '# uutta tikettiä' },
    da: { one: '# ny sag', other: '# nye sager' }
  });

export const repliesThreaded = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# reply threaded', other: '# replies threaded' },
    fi: { one: '# vastaus liitetty ketjuun', other: '# vastausta liitetty ketjuihin' },
    da: { one: '# svar føjet til en tråd', other: '# svar føjet til tråde' }
  });

export const alreadyHere = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# already here', other: '# already here' },
    fi: { one: '# oli jo tuotu', other: '# oli jo tuotu' },
    da: { one: '# fandtes allerede', other: '# fandtes allerede' }
  });

export const skippedCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# skipped', other: '# skipped' },
    fi: { one: '# ohitettu', other: '# ohitettu' },
    da: { one: '# sprunget over', other: '# sprunget over' }
  });

export const failedCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# failed', other: '# failed' },
    fi: { one: '# epäonnistui', other: '# epäonnistui' },
    da: { one: '# mislykkedes', other: '# mislykkedes' }
  });

/** Tickets the import closed (old threads the customer did not write last). */
export const closedCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# closed', other: '# closed' },
    fi: { one: '# suljettu', other: '# suljettu' },
    da: { one: '# lukket', other: '# lukket' }
  });

export const importDone = (o?: MessageOptions) =>
  t(o, { en: 'Done.', fi: 'Valmis.', da: 'Færdig.' });

export const uploadFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'The upload failed. Check the connection and try again.',
    fi: 'Lataus palvelimelle epäonnistui. Tarkista verkkoyhteys ja yritä uudelleen.',
    da: 'Uploaden mislykkedes. Tjek forbindelsen, og prøv igen.'
  });

export const uploadTooLarge = (o?: MessageOptions) =>
  t(o, {
    en: 'The files are too large to upload at once. Upload fewer at a time, or ask whoever runs Baton to import them on the server.',
    fi: 'Tiedostot ovat liian suuria ladattaviksi kerralla. Lataa vähemmän kerrallaan tai pyydä Batonin palvelinta hoitavaa henkilöä tuomaan ne suoraan palvelimella.',
    da: 'Filerne er for store til at blive uploadet på én gang. Upload færre ad gangen, eller bed den, der driver Baton, om at importere dem på serveren.'
  });

export const importStatusUnreadable = (o?: MessageOptions) =>
  t(o, {
    en: 'The server sent an import status this page does not understand. Reload the page.',
    fi: 'Palvelimen lähettämää tuonnin tilaa ei voitu lukea. Lataa sivu uudelleen.',
    da: 'Serveren sendte en importstatus, som siden ikke forstår. Genindlæs siden.'
  });

export const importStopped = (o?: MessageOptions) =>
  t(o, {
    en: 'The import stopped with an error. Messages imported so far are kept; import the files again to bring in the rest (messages already here are skipped).',
    fi: 'Tuonti keskeytyi virheeseen. Jo tuodut viestit säilyvät; tuo tiedostot uudelleen, niin loput tulevat mukaan (jo tuodut viestit ohitetaan).',
    da: 'Importen stoppede med en fejl. De beskeder, der allerede er importeret, bevares; importér filerne igen for at få resten med (beskeder, der allerede findes, springes over).'
  });

export const couldNotSaveMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the mailbox',
    fi: 'Postilaatikon tallennus epäonnistui',
    da: 'Postkassen kunne ikke gemmes'
  });

export const couldNotTestMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not test the connection',
    fi: 'Yhteyden testaus epäonnistui',
    da: 'Forbindelsen kunne ikke testes'
  });

/** The label of the import's file picker. */
export const importFilesField = (o?: MessageOptions) =>
  t(o, {
    en: 'Mail files (.mbox, .eml)',
    fi: 'Sähköpostitiedostot (.mbox, .eml)',
    da: 'Mailfiler (.mbox, .eml)'
  });

// Several mailboxes (#13.14) -----------------------------------------------------------------

export const mailboxesHeading = (o?: MessageOptions) =>
  t(o, { en: 'Mailboxes', fi: 'Postilaatikot', da: 'Postkasser' });

export const noMailboxYet = (o?: MessageOptions) =>
  t(o, {
    en: 'No mailbox is connected yet. Fill in the form below to connect the first one.',
    fi: 'Yhtään postilaatikkoa ei ole vielä yhdistetty. Yhdistä ensimmäinen alla olevalla lomakkeella.',
    da: 'Der er endnu ikke forbundet nogen postkasse. Udfyld formularen nedenfor for at forbinde den første.'
  });

export const addMailbox = (o?: MessageOptions) =>
  t(o, { en: 'Add mailbox', fi: 'Lisää postilaatikko', da: 'Tilføj postkasse' });

export const newMailbox = (o?: MessageOptions) =>
  t(o, { en: 'New mailbox', fi: 'Uusi postilaatikko', da: 'Ny postkasse' });

export const editMailbox = (p: { address: string }, o?: MessageOptions) =>
  t(o, {
    en: `Edit ${p.address}`,
    fi: `Muokkaa: ${p.address}`,
    da: `Redigér ${p.address}`
  });

export const removeMailbox = (p: { address: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove ${p.address}`,
    fi: `Poista ${p.address}`,
    da: `Fjern ${p.address}`
  });

export const confirmRemoveMailbox = (p: { address: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove the mailbox ${p.address}? Baton stops reading it; replies on its tickets go out from the primary mailbox.`,
    fi: `Poistetaanko postilaatikko ${p.address}? Baton lakkaa lukemasta sitä, ja sen tikettien vastaukset lähtevät ensisijaisesta postilaatikosta.`,
    da: `Fjern postkassen ${p.address}? Baton holder op med at læse den, og svar på dens sager sendes fra den primære postkasse.`
  });

export const mailboxRemoved = (o?: MessageOptions) =>
  t(o, { en: 'Mailbox removed', fi: 'Postilaatikko poistettu', da: 'Postkassen er fjernet' });

export const couldNotRemoveMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not remove the mailbox',
    fi: 'Postilaatikkoa ei voitu poistaa',
    da: 'Postkassen kunne ikke fjernes'
  });

/** The badge on the oldest enabled mailbox. */
export const primaryMailbox = (o?: MessageOptions) =>
  t(o, { en: 'Primary', fi: 'Ensisijainen', da: 'Primær' });

export const primaryMailboxHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Replies go out from the mailbox a ticket came in on; tickets made in Baton answer from the primary one.',
    fi: 'Vastaukset lähtevät siitä postilaatikosta, johon tiketti saapui; Batonissa luodut tiketit vastataan ensisijaisesta.',
    da: 'Svar sendes fra den postkasse, sagen kom ind i; sager oprettet i Baton besvares fra den primære.'
  });

export const mailboxDisabled = (o?: MessageOptions) =>
  t(o, { en: 'Off', fi: 'Pois päältä', da: 'Slået fra' });

export const mailboxEnabledField = (o?: MessageOptions) =>
  t(o, {
    en: 'Read and send mail with this mailbox',
    fi: 'Lue ja lähetä postia tällä postilaatikolla',
    da: 'Læs og send post med denne postkasse'
  });

export const mailboxSignatureField = (o?: MessageOptions) =>
  t(o, {
    en: 'Signature under every reply from this mailbox',
    fi: 'Allekirjoitus jokaisen tästä postilaatikosta lähtevän vastauksen alle',
    da: 'Signatur under alle svar fra denne postkasse'
  });

export const defaultTagsField = (o?: MessageOptions) =>
  t(o, {
    en: 'Tags for its new tickets (separated by commas)',
    fi: 'Sen uusien tikettien tunnisteet (pilkuilla eroteltuina)',
    da: 'Mærker på dens nye sager (adskilt med kommaer)'
  });

// ---- Signing a mailbox in with Microsoft 365 or Google (OAuth 2) ----

export const signInWithMicrosoft = (o?: MessageOptions) =>
  t(o, {
    en: 'Sign in with Microsoft',
    fi: 'Kirjaudu Microsoft-tilillä',
    da: 'Log ind med Microsoft'
  });

export const signInWithGoogle = (o?: MessageOptions) =>
  t(o, {
    en: 'Sign in with Google',
    fi: 'Kirjaudu Google-tilillä',
    da: 'Log ind med Google'
  });

export const oauthIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Microsoft 365 and Google Workspace mailboxes sign in with the account instead of a password. Baton saves the mailbox, then opens the provider’s sign-in page.',
    fi: 'Microsoft 365- ja Google Workspace -postilaatikot kirjautuvat tilillä salasanan sijaan. Baton tallentaa postilaatikon ja avaa sitten palveluntarjoajan kirjautumissivun.',
    da: 'Postkasser i Microsoft 365 og Google Workspace logger ind med kontoen i stedet for en adgangskode. Baton gemmer postkassen og åbner derefter udbyderens login-side.'
  });

export const oauthConnectedAs = (p: { account: string }, o?: MessageOptions) =>
  t(o, {
    en: `Connected as ${p.account}`,
    fi: `Yhdistetty tilillä ${p.account}`,
    da: `Forbundet som ${p.account}`
  });

export const oauthReconnectNeeded = (p: { account: string }, o?: MessageOptions) =>
  t(o, {
    en: `Reconnect needed: the sign-in of ${p.account} was revoked or has expired. Replies wait until you sign in again.`,
    fi: `Yhdistä uudelleen: tilin ${p.account} kirjautuminen on peruttu tai vanhentunut. Vastaukset odottavat, kunnes kirjaudut uudelleen.`,
    da: `Genforbindelse nødvendig: login for ${p.account} er tilbagekaldt eller udløbet. Svar venter, indtil du logger ind igen.`
  });

export const oauthReconnect = (o?: MessageOptions) =>
  t(o, { en: 'Sign in again', fi: 'Kirjaudu uudelleen', da: 'Log ind igen' });

export const oauthNotOffered = (o?: MessageOptions) =>
  t(o, {
    en: 'Signing in with Microsoft or Google is not set up on this server: the operator sets the client id and secret (see the README).',
    fi: 'Microsoft- tai Google-kirjautumista ei ole otettu käyttöön tällä palvelimella: ylläpitäjä asettaa asiakastunnuksen ja salaisuuden (katso README).',
    da: 'Login med Microsoft eller Google er ikke sat op på denne server: driftsansvarlig angiver klient-id og hemmelighed (se README).'
  });

/** Why a sign-in did not connect the mailbox (the callback's `?oauth=` value). */
export const oauthRefused = (reason: string, o?: MessageOptions) => {
  switch (reason) {
    case 'access-denied':
      return t(o, {
        en: 'The sign-in was cancelled or refused at the provider. Try again, and accept the access Baton asks for.',
        fi: 'Kirjautuminen peruttiin tai hylättiin palveluntarjoajan sivulla. Yritä uudelleen ja hyväksy Batonin pyytämät oikeudet.',
        da: 'Login blev annulleret eller afvist hos udbyderen. Prøv igen, og godkend den adgang, Baton beder om.'
      });
    case 'state-unknown':
    case 'state-mismatch':
      return t(o, {
        en: 'This sign-in has expired or was already used. Start it again from this page.',
        fi: 'Tämä kirjautuminen on vanhentunut tai jo käytetty. Aloita se uudelleen tältä sivulta.',
        da: 'Dette login er udløbet eller allerede brugt. Start det igen fra denne side.'
      });
    case 'no-refresh-token':
      return t(o, {
        en: 'The provider did not allow offline access, so Baton could not stay signed in. Sign in again and allow it.',
        fi: 'Palveluntarjoaja ei sallinut jatkuvaa käyttöä, joten Baton ei voi pysyä kirjautuneena. Kirjaudu uudelleen ja salli se.',
        da: 'Udbyderen tillod ikke offline adgang, så Baton kunne ikke forblive logget ind. Log ind igen, og tillad det.'
      });
    case 'no-account':
      return t(o, {
        en: 'The provider did not tell Baton the account’s email address. Sign in with the mailbox’s own account.',
        fi: 'Palveluntarjoaja ei kertonut Batonille tilin sähköpostiosoitetta. Kirjaudu postilaatikon omalla tilillä.',
        da: 'Udbyderen oplyste ikke kontoens e-mailadresse til Baton. Log ind med postkassens egen konto.'
      });
    case 'provider-unavailable':
      return t(o, {
        en: 'The provider could not be reached. Try again in a moment.',
        fi: 'Palveluntarjoajaan ei saatu yhteyttä. Yritä hetken kuluttua uudelleen.',
        da: 'Udbyderen kunne ikke nås. Prøv igen om lidt.'
      });
    default:
      return t(o, {
        en: 'The provider did not accept the sign-in. Start it again from this page.',
        fi: 'Palveluntarjoaja ei hyväksynyt kirjautumista. Aloita se uudelleen tältä sivulta.',
        da: 'Udbyderen godkendte ikke login. Start det igen fra denne side.'
      });
  }
};

export const oauthReconnectSubject = (p: { address: string }, o?: MessageOptions) =>
  t(o, {
    en: `Baton: the mailbox ${p.address} must be signed in again`,
    fi: `Baton: postilaatikko ${p.address} on kirjattava uudelleen sisään`,
    da: `Baton: postkassen ${p.address} skal logges ind igen`
  });

export const oauthReconnectBody = (
  p: { name: string; address: string; workspace: string },
  o?: MessageOptions
) =>
  t(o, {
    en: `Hello ${p.name},\n\nThe Microsoft or Google sign-in of the mailbox ${p.address} in the workspace "${p.workspace}" was revoked or has expired. Baton cannot fetch its mail or send replies from it until an admin signs it in again.\n\nNothing is lost: replies wait in the queue and go out after the new sign-in. Open the workspace's Mailbox page in Baton and choose "Sign in again".\n`,
    fi: `Hei ${p.name},\n\nTyötilan "${p.workspace}" postilaatikon ${p.address} Microsoft- tai Google-kirjautuminen on peruttu tai vanhentunut. Baton ei voi hakea sen postia eikä lähettää siitä vastauksia, ennen kuin ylläpitäjä kirjautuu uudelleen.\n\nMitään ei menetetä: vastaukset odottavat jonossa ja lähtevät uuden kirjautumisen jälkeen. Avaa työtilan Postilaatikko-sivu Batonissa ja valitse "Kirjaudu uudelleen".\n`,
    da: `Hej ${p.name},\n\nMicrosoft- eller Google-login for postkassen ${p.address} i arbejdsområdet "${p.workspace}" er tilbagekaldt eller udløbet. Baton kan ikke hente dens post eller sende svar fra den, før en administrator logger den ind igen.\n\nIntet går tabt: svarene venter i køen og sendes efter det nye login. Åbn arbejdsområdets Postkasse-side i Baton, og vælg "Log ind igen".\n`
  });
