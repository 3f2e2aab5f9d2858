// The default letters, cards, e-mails and text messages every municipality starts with. Written short and
// personal, in plain language (B1): who I am, why I write, that it is normal and free, and how to reach me.
// Never an amount, never the word "schuld" first. Dutch and English for every channel; Arabic as the sample of a
// right-to-left letter (the template system takes any language in TEMPLATE_LANGUAGES).
import type { DdasSignaalpartner } from '../../../../shared/ddas.ts';
import type { TemplateLanguage } from '../../../../shared/schemas/outreach.ts';
import type { TemplateChannel } from './template.ts';

export type DefaultTemplate = {
  channel: TemplateChannel;
  language: TemplateLanguage;
  name: string;
  subject: string;
  body: string;
};

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    channel: 'brief',
    language: 'nl',
    name: 'Brief: eerste contact',
    subject: 'Ik wil u graag helpen',
    body: `Beste {{naam}},

Ik ben {{medewerker}} van de gemeente {{gemeente}}. Ik hoorde dat het misschien niet lukt om alle rekeningen op tijd te betalen.{{#if partners}} Het gaat om {{partners}}.{{/if}} Dat kan iedereen overkomen.

Ik wil graag met u praten. Samen zoeken we een oplossing. Het gesprek is gratis. U zit nergens aan vast.

Bel of app mij op {{telefoon}}.{{#if afspraaklink}} Of maak zelf een afspraak: {{afspraaklink}}{{/if}}

{{#if afspraaklink}}
{{qr}}
{{/if}}

Met vriendelijke groet,
{{medewerker}}

{{foto}}`,
  },
  {
    channel: 'brief',
    language: 'en',
    name: 'Letter: first contact',
    subject: 'I would like to help you',
    body: `Dear {{naam}},

I am {{medewerker}} from the municipality of {{gemeente}}. I heard that it may be hard to pay all your bills on time.{{#if partners}} It is about {{partners}}.{{/if}} This can happen to anyone.

I would like to talk with you. Together we will look for a solution. The talk is free. You do not have to agree to anything.

Call or text me on {{telefoon}}.{{#if afspraaklink}} Or make an appointment yourself: {{afspraaklink}}{{/if}}

{{#if afspraaklink}}
{{qr}}
{{/if}}

Kind regards,
{{medewerker}}

{{foto}}`,
  },
  {
    channel: 'brief',
    language: 'ar',
    name: 'رسالة: أول تواصل (نموذج)',
    subject: 'أود مساعدتك',
    body: `مرحبا {{naam}}،

أنا {{medewerker}} من بلدية {{gemeente}}. سمعت أنه قد يصعب عليك دفع كل الفواتير في وقتها.{{#if partners}} الأمر يتعلق بـ{{partners}}.{{/if}} هذا يمكن أن يحدث لأي شخص.

أود أن أتحدث معك. سنبحث معا عن حل. المحادثة مجانية، ولا تلزمك بشيء.

اتصل بي أو أرسل لي رسالة على الرقم {{telefoon}}.{{#if afspraaklink}} أو احجز موعدا بنفسك: {{afspraaklink}}{{/if}}

{{#if afspraaklink}}
{{qr}}
{{/if}}

مع أطيب التحيات،
{{medewerker}}

{{foto}}`,
  },
  {
    channel: 'kaartje',
    language: 'nl',
    name: 'Kaartje: niet thuis getroffen',
    subject: 'Ik was bij u langs',
    body: `Beste {{naam}},

Ik ben {{medewerker}} van de gemeente. Ik kwam bij u langs, maar u was niet thuis. Ik wil graag met u praten over uw rekeningen. Het is gratis.

Bel of app mij: {{telefoon}}

{{foto}}`,
  },
  {
    channel: 'kaartje',
    language: 'en',
    name: 'Card: not at home',
    subject: 'I came by your home',
    body: `Dear {{naam}},

I am {{medewerker}} from the municipality. I came by, but you were not at home. I would like to talk with you about your bills. It is free.

Call or text me: {{telefoon}}

{{foto}}`,
  },
  {
    channel: 'mail',
    language: 'nl',
    name: 'E-mail: eerste contact',
    subject: 'Ik wil u graag helpen',
    body: `Beste {{naam}},

Ik ben {{medewerker}} van de gemeente {{gemeente}}. Ik hoorde dat het misschien niet lukt om alle rekeningen op tijd te betalen. Dat kan iedereen overkomen.

Ik wil graag met u praten. Het gesprek is gratis.

Bel of app mij op {{telefoon}}.{{#if afspraaklink}} Of maak zelf een afspraak: {{afspraaklink}}{{/if}}

Met vriendelijke groet,
{{medewerker}}`,
  },
  {
    channel: 'mail',
    language: 'en',
    name: 'E-mail: first contact',
    subject: 'I would like to help you',
    body: `Dear {{naam}},

I am {{medewerker}} from the municipality of {{gemeente}}. I heard that it may be hard to pay all your bills on time. This can happen to anyone.

I would like to talk with you. The talk is free.

Call or text me on {{telefoon}}.{{#if afspraaklink}} Or make an appointment yourself: {{afspraaklink}}{{/if}}

Kind regards,
{{medewerker}}`,
  },
  {
    channel: 'sms',
    language: 'nl',
    name: 'Sms: eerste contact',
    subject: '',
    body: 'Beste {{naam}}, ik ben {{medewerker}} van gemeente {{gemeente}}. Ik wil u graag helpen met uw rekeningen. Bel of app mij: {{telefoon}}.{{#if afspraaklink}} Of maak een afspraak: {{afspraaklink}}{{/if}}',
  },
  {
    channel: 'sms',
    language: 'en',
    name: 'Text message: first contact',
    subject: '',
    body: 'Dear {{naam}}, I am {{medewerker}} from the municipality of {{gemeente}}. I would like to help you with your bills. Call or text me: {{telefoon}}.{{#if afspraaklink}} Or make an appointment: {{afspraaklink}}{{/if}}',
  },
];

/** How a letter names the organisation that reported arrears: never its amount, in the letter's language. */
export const PARTNER_PHRASES: Partial<Record<TemplateLanguage, Record<DdasSignaalpartner, string>>> & {
  nl: Record<DdasSignaalpartner, string>;
} = {
  nl: {
    Belastingdienst: 'de Belastingdienst',
    'CAK Eigen bijdrage': 'het CAK (eigen bijdrage)',
    'CAK Zorgverzekeringen': 'het CAK (zorgverzekering)',
    'Dienst Toeslagen': 'Dienst Toeslagen',
    DUO: 'DUO',
    Energie: 'uw energieleverancier',
    Huur: 'uw verhuurder',
    Hypotheek: 'uw hypotheekverstrekker',
    Overige: 'een andere organisatie',
    Water: 'uw waterbedrijf',
    Zorg: 'uw zorgverzekeraar',
  },
  en: {
    Belastingdienst: 'the Tax Administration',
    'CAK Eigen bijdrage': 'the CAK (personal contribution)',
    'CAK Zorgverzekeringen': 'the CAK (health insurance)',
    'Dienst Toeslagen': 'the Benefits Office',
    DUO: 'DUO',
    Energie: 'your energy supplier',
    Huur: 'your landlord',
    Hypotheek: 'your mortgage lender',
    Overige: 'another organisation',
    Water: 'your water company',
    Zorg: 'your health insurer',
  },
  ar: {
    Belastingdienst: 'مصلحة الضرائب',
    'CAK Eigen bijdrage': 'CAK (المساهمة الشخصية)',
    'CAK Zorgverzekeringen': 'CAK (التأمين الصحي)',
    'Dienst Toeslagen': 'مصلحة الإعانات',
    DUO: 'DUO',
    Energie: 'شركة الطاقة',
    Huur: 'المؤجر',
    Hypotheek: 'مقرض الرهن العقاري',
    Overige: 'جهة أخرى',
    Water: 'شركة المياه',
    Zorg: 'شركة التأمين الصحي',
  },
};
