/** The knowledge base: the article list, the editor, versions. */
import { plural, t, type MessageOptions } from '../runtime';

export const kbTitle = (o?: MessageOptions) =>
  t(o, { en: 'Knowledge base', fi: 'Tietämyskanta', da: 'Vidensbase' });

export const articleTitle = (o?: MessageOptions) =>
  t(o, { en: 'Article', fi: 'Artikkeli', da: 'Artikel' });

export const newArticle = (o?: MessageOptions) =>
  t(o, { en: 'New article', fi: 'Uusi artikkeli', da: 'Ny artikel' });

export const untitledArticle = (o?: MessageOptions) =>
  t(o, { en: 'Untitled article', fi: 'Nimetön artikkeli', da: 'Artikel uden titel' });

export const articleCount = (p: { count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: '# article', other: '# articles' },
    fi: { one: '# artikkeli', other: '# artikkelia' },
    da: { one: '# artikel', other: '# artikler' }
  });

export const noArticles = (o?: MessageOptions) =>
  t(o, {
    en: 'No articles match.',
    fi: 'Yksikään artikkeli ei vastaa hakua.',
    da: 'Ingen artikler passer.'
  });

export const noSuchArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'This article is not on this device yet, or it does not exist.',
    fi: 'Artikkelia ei ole vielä tällä laitteella, tai sitä ei ole olemassa.',
    da: 'Artiklen er ikke på denne enhed endnu, eller den findes ikke.'
  });

export const titleLabel = (o?: MessageOptions) => t(o, { en: 'Title', fi: 'Otsikko', da: 'Titel' });

export const categoryLabel = (o?: MessageOptions) =>
  t(o, { en: 'Category', fi: 'Kategoria', da: 'Kategori' });

export const noCategory = (o?: MessageOptions) =>
  t(o, { en: 'No category', fi: 'Ei kategoriaa', da: 'Ingen kategori' });

export const allCategories = (o?: MessageOptions) =>
  t(o, { en: 'All categories', fi: 'Kaikki kategoriat', da: 'Alle kategorier' });

export const tagsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Tags', fi: 'Tunnisteet', da: 'Mærker' });

export const addTagLabel = (o?: MessageOptions) =>
  t(o, { en: 'Add a tag', fi: 'Lisää tunniste', da: 'Tilføj et tag' });

export const removeTagLabel = (p: { tag: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove the tag ${p.tag}`,
    fi: `Poista tunniste ${p.tag}`,
    da: `Fjern tagget ${p.tag}`
  });

export const visibilityLabel = (o?: MessageOptions) =>
  t(o, { en: 'Visibility', fi: 'Näkyvyys', da: 'Synlighed' });

export const visibilityName = (visibility: 'internal' | 'public', o?: MessageOptions) =>
  visibility === 'public'
    ? t(o, { en: 'Public', fi: 'Julkinen', da: 'Offentlig' })
    : t(o, { en: 'Internal', fi: 'Sisäinen', da: 'Intern' });

export const allVisibilities = (o?: MessageOptions) =>
  t(o, { en: 'Internal and public', fi: 'Sisäiset ja julkiset', da: 'Interne og offentlige' });

export const languageLabel = (o?: MessageOptions) =>
  t(o, { en: 'Language', fi: 'Kieli', da: 'Sprog' });

export const allLanguages = (o?: MessageOptions) =>
  t(o, { en: 'All languages', fi: 'Kaikki kielet', da: 'Alle sprog' });

export const statusLabel = (o?: MessageOptions) =>
  t(o, { en: 'Status', fi: 'Tila', da: 'Tilstand' });

export const articleStatusName = (status: 'draft' | 'published', o?: MessageOptions) =>
  status === 'published'
    ? t(o, { en: 'Published', fi: 'Julkaistu', da: 'Udgivet' })
    : t(o, { en: 'Draft', fi: 'Luonnos', da: 'Kladde' });

export const allStatuses = (o?: MessageOptions) =>
  t(o, { en: 'Drafts and published', fi: 'Luonnokset ja julkaistut', da: 'Kladder og udgivne' });

export const sortLabel = (o?: MessageOptions) =>
  t(o, { en: 'Sort by', fi: 'Järjestys', da: 'Sortér efter' });

export const sortName = (sort: 'updated' | 'title' | 'published', o?: MessageOptions) => {
  switch (sort) {
    case 'updated':
      return t(o, { en: 'Last updated', fi: 'Viimeksi päivitetty', da: 'Senest opdateret' });
    case 'title':
      return t(o, { en: 'Title', fi: 'Otsikko', da: 'Titel' });
    case 'published':
      return t(o, { en: 'Last published', fi: 'Viimeksi julkaistu', da: 'Senest udgivet' });
  }
};

export const searchArticles = (o?: MessageOptions) =>
  t(o, { en: 'Filter articles', fi: 'Suodata artikkeleita', da: 'Filtrér artikler' });

export const updatedAgo = (p: { ago: string }, o?: MessageOptions) =>
  t(o, { en: `updated ${p.ago}`, fi: `päivitetty ${p.ago}`, da: `opdateret ${p.ago}` });

export const publish = (o?: MessageOptions) => t(o, { en: 'Publish', fi: 'Julkaise', da: 'Udgiv' });

export const unpublish = (o?: MessageOptions) =>
  t(o, { en: 'Back to draft', fi: 'Palauta luonnokseksi', da: 'Tilbage til kladde' });

export const publishedToast = (o?: MessageOptions) =>
  t(o, { en: 'Article published.', fi: 'Artikkeli julkaistu.', da: 'Artiklen er udgivet.' });

export const couldNotSaveArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the article.',
    fi: 'Artikkelia ei voitu tallentaa.',
    da: 'Artiklen kunne ikke gemmes.'
  });

export const couldNotCreateArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not create the article.',
    fi: 'Artikkelia ei voitu luoda.',
    da: 'Artiklen kunne ikke oprettes.'
  });

export const readOnlyArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'You can read this article; only editors change it.',
    fi: 'Voit lukea tämän artikkelin; vain muokkaajat voivat muuttaa sitä.',
    da: 'Du kan læse artiklen; kun redaktører kan ændre den.'
  });

export const editorLabel = (o?: MessageOptions) =>
  t(o, { en: 'Article text', fi: 'Artikkelin teksti', da: 'Artiklens tekst' });

export const toolbarLabel = (o?: MessageOptions) =>
  t(o, { en: 'Formatting', fi: 'Muotoilu', da: 'Formatering' });

export type ToolName =
  | 'bold'
  | 'italic'
  | 'code'
  | 'heading'
  | 'bulletList'
  | 'orderedList'
  | 'codeBlock'
  | 'link'
  | 'callout'
  | 'image'
  | 'table';

export const toolName = (tool: ToolName, o?: MessageOptions) => {
  switch (tool) {
    case 'bold':
      return t(o, { en: 'Bold', fi: 'Lihavoitu', da: 'Fed' });
    case 'italic':
      return t(o, { en: 'Italic', fi: 'Kursiivi', da: 'Kursiv' });
    case 'code':
      return t(o, { en: 'Code', fi: 'Koodi', da: 'Kode' });
    case 'heading':
      return t(o, { en: 'Heading', fi: 'Otsikko', da: 'Overskrift' });
    case 'bulletList':
      return t(o, { en: 'Bulleted list', fi: 'Luettelo', da: 'Punktliste' });
    case 'orderedList':
      return t(o, { en: 'Numbered list', fi: 'Numeroitu luettelo', da: 'Nummereret liste' });
    case 'codeBlock':
      return t(o, { en: 'Code block', fi: 'Koodilohko', da: 'Kodeblok' });
    case 'link':
      return t(o, { en: 'Link', fi: 'Linkki', da: 'Henvisning' });
    case 'callout':
      return t(o, { en: 'Callout', fi: 'Huomautus', da: 'Fremhævet boks' });
    case 'image':
      return t(o, { en: 'Image', fi: 'Kuva', da: 'Billede' });
    case 'table':
      return t(o, { en: 'Table', fi: 'Taulukko', da: 'Tabel' });
  }
};

export const linkPrompt = (o?: MessageOptions) =>
  t(o, {
    en: 'Link address (https:// or mailto:)',
    fi: 'Linkin osoite (https:// tai mailto:)',
    da: 'Linkadresse (https:// eller mailto:)'
  });

export const imagePrompt = (o?: MessageOptions) =>
  t(o, {
    en: 'Image address (https://)',
    fi: 'Kuvan osoite (https://)',
    da: 'Billedadresse (https://)'
  });

export const unsafeAddress = (o?: MessageOptions) =>
  t(o, {
    en: 'Only http(s) and mailto addresses can be used.',
    fi: 'Vain http(s)- ja mailto-osoitteita voi käyttää.',
    da: 'Kun http(s)- og mailto-adresser kan bruges.'
  });

export const authorsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Authors', fi: 'Kirjoittajat', da: 'Forfattere' });

export const alsoEditing = (p: { names: string }, o?: MessageOptions) =>
  t(o, {
    en: `Also editing: ${p.names}`,
    fi: `Muokkaamassa myös: ${p.names}`,
    da: `Redigerer også: ${p.names}`
  });

export const versionsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Versions', fi: 'Versiot', da: 'Versioner' });

export const noVersions = (o?: MessageOptions) =>
  t(o, { en: 'No versions yet.', fi: 'Ei vielä versioita.', da: 'Ingen versioner endnu.' });

export const versionNameLabel = (o?: MessageOptions) =>
  t(o, { en: 'Version name', fi: 'Version nimi', da: 'Versionens navn' });

export const saveVersion = (o?: MessageOptions) =>
  t(o, { en: 'Save version', fi: 'Tallenna versio', da: 'Gem version' });

export const versionSaved = (o?: MessageOptions) =>
  t(o, { en: 'Version saved.', fi: 'Versio tallennettu.', da: 'Versionen er gemt.' });

export const versionKindName = (
  kind: 'named' | 'auto' | 'publish' | 'restore',
  o?: MessageOptions
) => {
  switch (kind) {
    case 'named':
      return t(o, { en: 'Named version', fi: 'Nimetty versio', da: 'Navngivet version' });
    case 'auto':
      return t(o, { en: 'Automatic', fi: 'Automaattinen', da: 'Automatisk' });
    case 'publish':
      return t(o, { en: 'Published', fi: 'Julkaistu', da: 'Udgivet' });
    case 'restore':
      return t(o, { en: 'Restored', fi: 'Palautettu', da: 'Gendannet' });
  }
};

// same in all languages
export const versionBy = (p: { name: string; when: string }, o?: MessageOptions) =>
  t(o, { en: `${p.name}, ${p.when}`, fi: `${p.name}, ${p.when}`, da: `${p.name}, ${p.when}` });

export const viewVersion = (o?: MessageOptions) => t(o, { en: 'View', fi: 'Näytä', da: 'Vis' });

export const closeVersion = (o?: MessageOptions) => t(o, { en: 'Close', fi: 'Sulje', da: 'Luk' });

export const restoreVersion = (o?: MessageOptions) =>
  t(o, {
    en: 'Restore this version',
    fi: 'Palauta tämä versio',
    da: 'Gendan denne version'
  });

export const restoredToast = (o?: MessageOptions) =>
  t(o, {
    en: 'Version restored. The text it replaced is kept as a version.',
    fi: 'Versio palautettu. Korvattu teksti on tallessa versiona.',
    da: 'Versionen er gendannet. Den erstattede tekst er gemt som en version.'
  });

export const versionChangesLegend = (o?: MessageOptions) =>
  t(o, {
    en: 'Added since the previous version is underlined; removed is struck through.',
    fi: 'Edellisen version jälkeen lisätty on alleviivattu; poistettu on yliviivattu.',
    da: 'Tilføjet siden forrige version er understreget; fjernet er gennemstreget.'
  });

export const addedText = (o?: MessageOptions) =>
  t(o, { en: 'added', fi: 'lisätty', da: 'tilføjet' });

export const removedText = (o?: MessageOptions) =>
  t(o, { en: 'removed', fi: 'poistettu', da: 'fjernet' });

export const kbEditorsHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Drafts are visible to the team only; published public articles can be shown to customers.',
    fi: 'Luonnokset näkyvät vain tiimille; julkaistuja julkisia artikkeleita voi näyttää asiakkaille.',
    da: 'Kladder er kun synlige for teamet; udgivne offentlige artikler kan vises for kunder.'
  });

// Articles in replies (#14.5): the composer's article picker and the sidebar's suggestions.

export const insertArticleButton = (o?: MessageOptions) =>
  t(o, { en: 'Article…', fi: 'Artikkeli…', da: 'Artikel…' });

export const insertArticleTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Insert an article into the reply',
    fi: 'Lisää artikkeli vastaukseen',
    da: 'Indsæt en artikel i svaret'
  });

export const searchPublishedArticles = (o?: MessageOptions) =>
  t(o, {
    en: 'Search published articles',
    fi: 'Hae julkaistuista artikkeleista',
    da: 'Søg i udgivne artikler'
  });

export const noPublishedArticles = (o?: MessageOptions) =>
  t(o, {
    en: 'No published articles yet.',
    fi: 'Julkaistuja artikkeleita ei vielä ole.',
    da: 'Ingen udgivne artikler endnu.'
  });

export const noArticleMatches = (o?: MessageOptions) =>
  t(o, {
    en: 'No published article matches.',
    fi: 'Mikään julkaistu artikkeli ei vastaa hakua.',
    da: 'Ingen udgivne artikler matcher.'
  });

export const preparingArticles = (o?: MessageOptions) =>
  t(o, {
    en: 'Preparing the articles…',
    fi: 'Valmistellaan artikkeleita…',
    da: 'Gør artiklerne klar…'
  });

export const articlePreviewTitle = (o?: MessageOptions) =>
  t(o, { en: 'Preview', fi: 'Esikatselu', da: 'Forhåndsvisning' });

export const insertArticleLink = (o?: MessageOptions) =>
  t(o, { en: 'Insert link', fi: 'Lisää linkki', da: 'Indsæt link' });

export const insertArticleText = (o?: MessageOptions) =>
  t(o, { en: 'Insert text', fi: 'Lisää teksti', da: 'Indsæt tekst' });

export const cancelInsert = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const internalArticleLinkOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'An internal article: only a link for the team can go into a reply, not its text.',
    fi: 'Sisäinen artikkeli: vastaukseen voi lisätä vain linkin tiimille, ei sen tekstiä.',
    da: 'En intern artikel: kun et link til teamet kan sættes ind i et svar, ikke teksten.'
  });

export const articleInserted = (p: { title: string }, o?: MessageOptions) =>
  t(o, {
    en: `“${p.title}” is in the reply.`,
    fi: `”${p.title}” on lisätty vastaukseen.`,
    da: `»${p.title}« er sat ind i svaret.`
  });

export const couldNotInsertArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not insert the article',
    fi: 'Artikkelia ei voitu lisätä',
    da: 'Artiklen kunne ikke indsættes'
  });

export const articleTextNotHere = (o?: MessageOptions) =>
  t(o, {
    en: "This article's text is not on this device. Insert a link, or try again online.",
    fi: 'Artikkelin teksti ei ole tällä laitteella. Lisää linkki tai yritä uudelleen verkossa.',
    da: 'Artiklens tekst er ikke på denne enhed. Indsæt et link, eller prøv igen online.'
  });

export const suggestedArticlesTitle = (o?: MessageOptions) =>
  t(o, { en: 'Suggested articles', fi: 'Ehdotetut artikkelit', da: 'Foreslåede artikler' });

export const insertSuggestedArticle = (p: { title: string }, o?: MessageOptions) =>
  t(o, {
    en: `Insert a link to “${p.title}” into the reply`,
    fi: `Lisää vastaukseen linkki artikkeliin ”${p.title}”`,
    da: `Indsæt et link til »${p.title}« i svaret`
  });

export const insertShort = (o?: MessageOptions) =>
  t(o, { en: 'Insert', fi: 'Lisää', da: 'Indsæt' });

export const helpInsertArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'Insert a knowledge-base article into the reply',
    fi: 'Lisää tietämyskannan artikkeli vastaukseen',
    da: 'Indsæt en artikel fra vidensbasen i svaret'
  });

export const openTicketForArticle = (o?: MessageOptions) =>
  t(o, {
    en: 'Open a ticket to insert an article into its reply.',
    fi: 'Avaa tiketti lisätäksesi artikkelin sen vastaukseen.',
    da: 'Åbn en sag for at indsætte en artikel i dens svar.'
  });
