// The letter and e-mail after the preparation call, per language: short and personal, in plain language (B1).
// Adding a language is adding its entry here (the type asks for every text) and its document texts in
// shared/schemas/household-appointments.ts. The Arabic and Turkish texts are samples, to be checked by a
// translator before a municipality uses them (as with the outreach templates).
import type {
  AppointmentMode,
  PreparationLanguage,
} from '../../../../shared/schemas/household-appointments.ts';

export type PreparationTexts = {
  subject: string;
  greeting: (name: string) => string;
  thanks: (callDate: string) => string;
  /** Without a planned conversation yet: we will make the appointment together. */
  noAppointment: string;
  appointmentHeading: string;
  when: (date: string, time: string) => string;
  where: Record<AppointmentMode, (place: string) => string>;
  listHeading: string;
  missing: string;
  questions: (phone: string, email: string) => string;
  closing: string;
  /** The resident when no name is known. */
  resident: string;
};

export const PREPARATION_TEXTS: Record<PreparationLanguage, PreparationTexts> = {
  nl: {
    subject: 'Wat neemt u mee naar ons gesprek?',
    greeting: (name) => `Beste ${name},`,
    thanks: (date) =>
      `Bedankt voor ons telefoongesprek van ${date}. Zoals afgesproken krijgt u de lijst met papieren voor ons eerste gesprek.`,
    noAppointment: 'We maken samen een afspraak voor het gesprek.',
    appointmentHeading: 'Ons gesprek',
    when: (date, time) => `Op ${date} om ${time} uur.`,
    where: {
      locatie: (place) => `Waar: ${place}.`,
      telefoon: () => 'Ik bel u op.',
      video: (link) =>
        link
          ? `We praten via een videogesprek: ${link}`
          : 'We praten via een videogesprek. U krijgt de link van mij.',
    },
    listHeading: 'Neem dit mee',
    missing: 'Heeft u iets niet? Geen probleem. Kom toch, dan zoeken we het samen uit.',
    questions: (phone, email) =>
      phone
        ? `Heeft u vragen? Bel mij op ${phone} of mail naar ${email}.`
        : `Heeft u vragen? Mail mij op ${email}.`,
    closing: 'Met vriendelijke groet,',
    resident: 'bewoner',
  },
  en: {
    subject: 'What do you bring to our conversation?',
    greeting: (name) => `Dear ${name},`,
    thanks: (date) =>
      `Thank you for our phone call of ${date}. As agreed, here is the list of papers for our first conversation.`,
    noAppointment: 'We will make an appointment for the conversation together.',
    appointmentHeading: 'Our conversation',
    when: (date, time) => `On ${date} at ${time}.`,
    where: {
      locatie: (place) => `Where: ${place}.`,
      telefoon: () => 'I will call you.',
      video: (link) =>
        link
          ? `We will talk in a video call: ${link}`
          : 'We will talk in a video call. I will send you the link.',
    },
    listHeading: 'Please bring',
    missing: 'Missing something? No problem. Come anyway, and we will sort it out together.',
    questions: (phone, email) =>
      phone
        ? `Any questions? Call me on ${phone} or e-mail ${email}.`
        : `Any questions? E-mail me at ${email}.`,
    closing: 'Kind regards,',
    resident: 'resident',
  },
  ar: {
    subject: 'ماذا تحضر معك إلى لقائنا؟',
    greeting: (name) => `مرحبا ${name}،`,
    thanks: (date) =>
      `شكرا على مكالمتنا الهاتفية بتاريخ ${date}. كما اتفقنا، هذه قائمة الأوراق التي تحضرها معك إلى لقائنا الأول.`,
    noAppointment: 'سنحدد معا موعدا للقاء.',
    appointmentHeading: 'لقاؤنا',
    when: (date, time) => `في ${date} الساعة ${time}.`,
    where: {
      locatie: (place) => `المكان: ${place}.`,
      telefoon: () => 'سأتصل بك هاتفيا.',
      video: (link) =>
        link ? `سنتحدث عبر مكالمة فيديو: ${link}` : 'سنتحدث عبر مكالمة فيديو. سأرسل لك الرابط.',
    },
    listHeading: 'أحضر معك',
    missing: 'هل ينقصك شيء؟ لا مشكلة. تعال على أي حال، وسنجد حلا معا.',
    questions: (phone, email) =>
      phone
        ? `هل لديك أسئلة؟ اتصل بي على الرقم ${phone} أو راسلني على ${email}.`
        : `هل لديك أسئلة؟ راسلني على ${email}.`,
    closing: 'مع أطيب التحيات،',
    resident: 'الساكن',
  },
  tr: {
    subject: 'Görüşmemize neler getireceksiniz?',
    greeting: (name) => `Sayın ${name},`,
    thanks: (date) =>
      `${date} tarihli telefon görüşmemiz için teşekkür ederim. Konuştuğumuz gibi, ilk görüşmemize getirmeniz gereken belgelerin listesi aşağıdadır.`,
    noAppointment: 'Görüşme için birlikte bir randevu belirleyeceğiz.',
    appointmentHeading: 'Görüşmemiz',
    when: (date, time) => `${date}, saat ${time}.`,
    where: {
      locatie: (place) => `Yer: ${place}.`,
      telefoon: () => 'Sizi telefonla arayacağım.',
      video: (link) =>
        link
          ? `Görüntülü görüşme yapacağız: ${link}`
          : 'Görüntülü görüşme yapacağız. Bağlantıyı size göndereceğim.',
    },
    listHeading: 'Yanınızda getirin',
    missing: 'Bir belgeniz eksik mi? Sorun değil. Yine de gelin, birlikte çözeriz.',
    questions: (phone, email) =>
      phone
        ? `Sorularınız mı var? Beni ${phone} numarasından arayın veya ${email} adresine e-posta gönderin.`
        : `Sorularınız mı var? ${email} adresine e-posta gönderin.`,
    closing: 'Saygılarımla,',
    resident: 'sakin',
  },
};
