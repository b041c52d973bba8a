/** The public page's own words, in the form's language; labels and messages are the builder's. */
export const PAGE_TEXTS = {
  en: {
    submit: 'Send',
    required: 'required',
    sent: 'Thank you! Your details have been sent.',
    errorSummary: 'The form could not be sent. Please correct the fields marked below.',
    empty: 'Please fill in this field.',
    tooLong: (max: number) => `Please use at most ${max} characters.`,
    markup: 'Please leave out the characters < and >.',
    unstorable: 'This text contains characters that cannot be stored.',
    email: 'Please enter an e-mail address such as name@example.com.',
    phone: 'Please enter a phone number using digits, spaces and + ( ) - only.',
    number: 'Please enter a number such as 1200 or 1200.50.',
    date: 'Please enter a date as YYYY-MM-DD.',
    twice: 'This field was sent more than once.',
    consent: 'Please tick the box to give your consent.',
    contact: 'Please enter a name or an e-mail address.',
    honeypot: 'The form was refused because a field meant to stay empty was filled in (automated sending).',
    tooFast:
      'The form was sent too quickly after it was opened. Please wait a few seconds and send it again.',
    expired:
      'This page is too old or was not loaded from this site. Please reload it and send the form again.',
    tooMany:
      'Too many submissions came from your address or to this form. Please wait a minute and try again.',
    tooLarge: 'The form was too large to be accepted. Please shorten your answers and send it again.',
    badRequest: 'The form could not be read. Please reload the page and send it again.',
    notFound: 'This form does not exist or is no longer available.',
    failed: 'Sorry, the form could not be sent because of a problem on our side. Please try again later.',
    honeypotLabel: 'Leave this field empty',
    errorTitle: 'Form not sent',
  },
  sv: {
    submit: 'Skicka',
    required: 'obligatoriskt',
    sent: 'Tack! Dina uppgifter har skickats.',
    errorSummary: 'Formuläret kunde inte skickas. Rätta fälten som är markerade nedan.',
    empty: 'Fyll i det här fältet.',
    tooLong: (max: number) => `Använd högst ${max} tecken.`,
    markup: 'Utelämna tecknen < och >.',
    unstorable: 'Texten innehåller tecken som inte kan sparas.',
    email: 'Ange en e-postadress, till exempel namn@example.com.',
    phone: 'Ange ett telefonnummer med bara siffror, mellanslag och + ( ) -.',
    number: 'Ange ett tal, till exempel 1200 eller 1200,50.',
    date: 'Ange ett datum som ÅÅÅÅ-MM-DD.',
    twice: 'Fältet skickades mer än en gång.',
    consent: 'Kryssa i rutan för att ge ditt samtycke.',
    contact: 'Ange ett namn eller en e-postadress.',
    honeypot: 'Formuläret avvisades eftersom ett fält som ska vara tomt var ifyllt (automatiskt inskick).',
    tooFast: 'Formuläret skickades för snabbt efter att det öppnades. Vänta några sekunder och skicka igen.',
    expired:
      'Sidan är för gammal eller laddades inte från den här webbplatsen. Ladda om den och skicka igen.',
    tooMany:
      'För många inskick kom från din adress eller till det här formuläret. Vänta en minut och försök igen.',
    tooLarge: 'Formuläret var för stort. Korta ner svaren och skicka igen.',
    badRequest: 'Formuläret kunde inte läsas. Ladda om sidan och skicka igen.',
    notFound: 'Formuläret finns inte eller är inte längre tillgängligt.',
    failed: 'Formuläret kunde tyvärr inte skickas på grund av ett fel hos oss. Försök igen senare.',
    honeypotLabel: 'Lämna det här fältet tomt',
    errorTitle: 'Formuläret skickades inte',
  },
} as const;

export type PageLanguage = keyof typeof PAGE_TEXTS;
export type PageTexts = (typeof PAGE_TEXTS)[PageLanguage];
