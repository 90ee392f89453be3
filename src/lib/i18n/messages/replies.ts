/**
 * Public replies as email: why a reply cannot be sent and the way out, what became of a sent
 * one, attachments, the member's signature, and a ticket opened in the app for a customer.
 */
import { formatNumber } from '../format';
import { t, type MessageOptions } from '../runtime';

// Refused before it is written ---------------------------------------------------------------

export const replyNoRecipient = (o?: MessageOptions) =>
  t(o, {
    en: 'This reply would reach nobody: the ticket has no requester with an email address.',
    fi: 'Tämä vastaus ei tavoittaisi ketään: tiketillä ei ole pyytäjää, jolla on sähköpostiosoite.',
    da: 'Dette svar ville ikke nå nogen: sagen har ingen anmoder med en e-mailadresse.'
  });

export const replyAddRecipient = (o?: MessageOptions) =>
  t(o, {
    en: 'Add a recipient under “To and CC”, or set the ticket’s requester.',
    fi: 'Lisää vastaanottaja kohdassa ”Vastaanottaja ja kopio” tai aseta tiketille pyytäjä.',
    da: 'Tilføj en modtager under “Til og cc”, eller angiv sagens anmoder.'
  });

export const replyNoMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Public replies cannot be sent yet: no mailbox is connected to this workspace.',
    fi: 'Julkisia vastauksia ei voi vielä lähettää: työtilaan ei ole yhdistetty postilaatikkoa.',
    da: 'Offentlige svar kan ikke sendes endnu: der er ikke forbundet en postkasse til arbejdsområdet.'
  });

export const replyConnectMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Connect a mailbox',
    fi: 'Yhdistä postilaatikko',
    da: 'Forbind en postkasse'
  });

export const replyAskAdminForMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Ask an admin of the workspace to connect its mailbox. Until then, write an internal note.',
    fi: 'Pyydä työtilan ylläpitäjää yhdistämään postilaatikko. Siihen asti voit kirjoittaa sisäisen muistiinpanon.',
    da: 'Bed en administrator af arbejdsområdet om at forbinde postkassen. Indtil da kan du skrive en intern note.'
  });

// Delivery state of a sent reply -------------------------------------------------------------

export const deliverySentToServer = (o?: MessageOptions) =>
  t(o, {
    en: 'Sent: accepted by the mail server',
    fi: 'Lähetetty: postipalvelin otti vastaan',
    da: 'Sendt: modtaget af mailserveren'
  });

export const deliveryBounced = (o?: MessageOptions) =>
  t(o, { en: 'Bounced', fi: 'Palautui', da: 'Afvist' });

export const deliveryNoMailbox = (o?: MessageOptions) =>
  t(o, {
    en: 'Not sent: no mailbox is connected. It goes out once one is.',
    fi: 'Ei lähetetty: postilaatikkoa ei ole yhdistetty. Vastaus lähtee, kun se on yhdistetty.',
    da: 'Ikke sendt: der er ikke forbundet en postkasse. Svaret sendes, når den er.'
  });

export const deliveryNoRecipient = (o?: MessageOptions) =>
  t(o, {
    en: 'Not sent: nobody to send it to. Set the requester, then send it again.',
    fi: 'Ei lähetetty: vastaanottajaa ei ole. Aseta pyytäjä ja lähetä uudelleen.',
    da: 'Ikke sendt: der er ingen modtager. Angiv anmoderen, og send igen.'
  });

export const deliveryAttachmentMissing = (o?: MessageOptions) =>
  t(o, {
    en: 'Not sent: an attachment is no longer stored.',
    fi: 'Ei lähetetty: liitettä ei ole enää tallessa.',
    da: 'Ikke sendt: en vedhæftet fil er ikke længere gemt.'
  });

export const sendAgain = (o?: MessageOptions) =>
  t(o, { en: 'Send again', fi: 'Lähetä uudelleen', da: 'Send igen' });

export const sendAgainQueued = (o?: MessageOptions) =>
  t(o, {
    en: 'The reply is queued again.',
    fi: 'Vastaus on taas jonossa.',
    da: 'Svaret står i kø igen.'
  });

export const couldNotSendAgain = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not send the reply again',
    fi: 'Vastausta ei voitu lähettää uudelleen',
    da: 'Svaret kunne ikke sendes igen'
  });

// Attachments --------------------------------------------------------------------------------

export const attachFiles = (o?: MessageOptions) =>
  t(o, { en: 'Attach files', fi: 'Liitä tiedostoja', da: 'Vedhæft filer' });

export const dropFilesHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Drop files here or paste them to attach.',
    fi: 'Pudota tiedostot tähän tai liitä ne leikepöydältä.',
    da: 'Slip filer her, eller indsæt dem for at vedhæfte.'
  });

export const attachmentsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Attachments', fi: 'Liitteet', da: 'Vedhæftede filer' });

export const removeAttachment = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove ${p.name}`,
    fi: `Poista ${p.name}`,
    da: `Fjern ${p.name}`
  });

export const uploadingAttachment = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Uploading ${p.name}…`,
    fi: `Ladataan ${p.name}…`,
    da: `Uploader ${p.name}…`
  });

const mib = (bytes: number, o?: MessageOptions) => formatNumber(Math.round(bytes / 1024 / 1024), o);

export const attachmentTooLarge = (p: { name: string; max: number }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} is too large: a file may be at most ${mib(p.max, o)} MB.`,
    fi: `${p.name} on liian suuri: tiedosto saa olla enintään ${mib(p.max, o)} Mt.`,
    da: `${p.name} er for stor: en fil må højst være ${mib(p.max, o)} MB.`
  });

export const attachmentsTooMany = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `A reply can carry at most ${formatNumber(p.max, o)} files.`,
    fi: `Vastauksessa voi olla enintään ${formatNumber(p.max, o)} tiedostoa.`,
    da: `Et svar kan højst have ${formatNumber(p.max, o)} filer.`
  });

export const attachmentsTotalTooLarge = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `The files together may be at most ${mib(p.max, o)} MB: mail servers refuse larger messages.`,
    fi: `Tiedostot saavat olla yhteensä enintään ${mib(p.max, o)} Mt: postipalvelimet hylkäävät suuremmat viestit.`,
    da: `Filerne må tilsammen højst være ${mib(p.max, o)} MB: mailservere afviser større beskeder.`
  });

export const attachmentEmpty = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} is empty.`,
    fi: `${p.name} on tyhjä.`,
    da: `${p.name} er tom.`
  });

export const attachmentsNeedConnection = (o?: MessageOptions) =>
  t(o, {
    en: 'Attaching files needs a connection: the files are uploaded before the reply is written.',
    fi: 'Tiedostojen liittäminen vaatii yhteyden: tiedostot ladataan ennen kuin vastaus kirjoitetaan.',
    da: 'Vedhæftning kræver forbindelse: filerne uploades, før svaret skrives.'
  });

export const couldNotAttach = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not attach ${p.name}`,
    fi: `Tiedostoa ${p.name} ei voitu liittää`,
    da: `${p.name} kunne ikke vedhæftes`
  });

// Signature ----------------------------------------------------------------------------------

export const signatureTitle = (o?: MessageOptions) =>
  t(o, { en: 'Email signature', fi: 'Sähköpostin allekirjoitus', da: 'E-mailsignatur' });

export const signatureHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'Added below your public replies in the email the customer gets, in this workspace.',
    fi: 'Lisätään julkisten vastaustesi alle asiakkaan saamaan sähköpostiin tässä työtilassa.',
    da: 'Tilføjes under dine offentlige svar i den e-mail, kunden får, i dette arbejdsområde.'
  });

export const saveSignature = (o?: MessageOptions) =>
  t(o, { en: 'Save signature', fi: 'Tallenna allekirjoitus', da: 'Gem signatur' });

export const signatureSaved = (o?: MessageOptions) =>
  t(o, {
    en: 'Signature saved.',
    fi: 'Allekirjoitus tallennettu.',
    da: 'Signaturen er gemt.'
  });

export const couldNotSaveSignature = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the signature',
    fi: 'Allekirjoitusta ei voitu tallentaa',
    da: 'Signaturen kunne ikke gemmes'
  });

export const signatureTooLong = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `A signature is at most ${formatNumber(p.max, o)} characters.`,
    fi: `Allekirjoitus saa olla enintään ${formatNumber(p.max, o)} merkkiä.`,
    da: `En signatur må højst være ${formatNumber(p.max, o)} tegn.`
  });

// A ticket opened in the app for a customer --------------------------------------------------

export const newCustomerChoice = (o?: MessageOptions) =>
  t(o, {
    en: 'A new customer (by email)…',
    fi: 'Uusi asiakas (sähköpostiosoitteella)…',
    da: 'En ny kunde (via e-mail)…'
  });

export const newCustomerEmail = (o?: MessageOptions) =>
  t(o, {
    en: 'Customer’s email',
    fi: 'Asiakkaan sähköpostiosoite',
    da: 'Kundens e-mail'
  });

export const newCustomerName = (o?: MessageOptions) =>
  t(o, { en: 'Customer’s name', fi: 'Asiakkaan nimi', da: 'Kundens navn' });

export const newCustomerEmailInvalid = (o?: MessageOptions) =>
  t(o, {
    en: 'Enter the customer’s email address, like name@example.com.',
    fi: 'Syötä asiakkaan sähköpostiosoite, esimerkiksi nimi@example.com.',
    da: 'Skriv kundens e-mailadresse, fx navn@example.com.'
  });

export const firstMessageKind = (o?: MessageOptions) =>
  t(o, {
    en: 'The first message is',
    fi: 'Ensimmäinen viesti on',
    da: 'Den første besked er'
  });

export const firstMessageFromCustomer = (o?: MessageOptions) =>
  t(o, {
    en: 'From the customer (a phone call, a visit), written on their behalf',
    fi: 'Asiakkaalta (puhelu, käynti), kirjattu hänen puolestaan',
    da: 'Fra kunden (et opkald, et besøg), skrevet på kundens vegne'
  });

export const firstMessageToCustomer = (o?: MessageOptions) =>
  t(o, {
    en: 'A public reply emailed to the customer',
    fi: 'Julkinen vastaus, joka lähetetään asiakkaalle sähköpostilla',
    da: 'Et offentligt svar, der sendes til kunden på e-mail'
  });

export const firstMessageNote = (o?: MessageOptions) =>
  t(o, {
    en: 'An internal note',
    fi: 'Sisäinen muistiinpano',
    da: 'En intern note'
  });

export const firstMessageNeedsText = (o?: MessageOptions) =>
  t(o, {
    en: 'Write the message, or choose an internal note and leave it empty.',
    fi: 'Kirjoita viesti tai valitse sisäinen muistiinpano ja jätä se tyhjäksi.',
    da: 'Skriv beskeden, eller vælg en intern note og lad den være tom.'
  });
