// The household plan on paper: an accessible, tagged PDF (PDF/UA identification, document language, a structure
// tree in reading order: title, contact person, members, goals with their steps and progress, the latest ZRM, the
// bridge, the network and the referrals). No BSN is ever printed. Texts come from plan-texts.ts per language.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import {
  type HouseholdView,
  PILLARS,
  type PlanLanguage,
  ZRM_DOMAINS,
  type ZrmLevel,
} from '../../../shared/schemas/households.ts';
import { PLAN_TEXTS } from './plan-texts.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export function renderPlanPdf(view: HouseholdView, lang: PlanLanguage, today: string): Promise<Buffer> {
  const t = PLAN_TEXTS[lang];
  const date = (iso: string) =>
    new Intl.DateTimeFormat(t.locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  const title = view.label ? `${t.title}: ${view.label}` : t.title;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang,
    displayTitle: true,
    info: { Title: title, Author: 'Vangnet', Subject: t.title, Creator: 'Vangnet', Producer: 'Vangnet' },
  });
  doc.registerFont('Regular', FONT_REGULAR);
  doc.registerFont('Bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  /** One structure element with its text; a new page first when it would not fit (no split elements). */
  const draw = (
    parent: PDFKit.PDFStructureElement,
    type: string,
    text: string,
    o: { size?: number; bold?: boolean; gap?: number; indent?: number } = {},
  ) => {
    doc.font(o.bold ? 'Bold' : 'Regular').fontSize(o.size ?? 11);
    const w = width - (o.indent ?? 0);
    if (doc.y + doc.heightOfString(text, { width: w }) > bottom()) doc.addPage();
    parent.add(
      doc.struct(type, {}, () => {
        doc.text(text, left + (o.indent ?? 0), doc.y, { width: w });
      }),
    );
    doc.moveDown(o.gap ?? 0.4);
  };
  const list = (parent: PDFKit.PDFStructureElement, items: string[]) => {
    const l = doc.struct('L');
    parent.add(l);
    for (const item of items) {
      const li = doc.struct('LI');
      l.add(li);
      draw(li, 'LBody', `• ${item}`, { indent: 12, gap: 0.25 });
      li.end();
    }
    l.end();
    doc.moveDown(0.3);
  };
  const h2 = (parent: PDFKit.PDFStructureElement, text: string) =>
    draw(parent, 'H2', text, { size: 14, bold: true, gap: 0.3 });

  const root = doc.struct('Document');
  doc.addStructure(root);
  draw(root, 'H1', title, { size: 20, bold: true, gap: 0.3 });
  draw(root, 'P', `${t.madeOn} ${date(today)}`);
  draw(root, 'P', view.regisseur ? `${t.regisseur}: ${view.regisseur.name}` : t.noRegisseur, { gap: 0.8 });

  if (view.members && view.members.length > 0) {
    h2(root, t.members);
    list(
      root,
      view.members.map((m) => m.naam),
    );
  }

  if (view.goals) {
    h2(root, t.goals);
    if (view.goals.length === 0) draw(root, 'P', t.noGoals);
    for (const g of view.goals) {
      const sect = doc.struct('Sect');
      root.add(sect);
      draw(sect, 'H3', `${g.title} (${t.goalStatus[g.status]})`, { size: 12.5, bold: true, gap: 0.2 });
      const about = [g.zrmDomain ? t.zrmDomains[g.zrmDomain] : null, g.pillar ? t.pillars[g.pillar] : null]
        .filter(Boolean)
        .join(', ');
      draw(
        sect,
        'P',
        `${t.targetDate}: ${date(g.targetDate)}. ${t.linkedTo}: ${about}. ${t.chosenBy}: ${g.chosenBy.naam}.`,
        { gap: 0.2 },
      );
      if (g.status === 'bereikt' && g.reachedOn) {
        draw(
          sect,
          'P',
          `${t.wellDone} ${t.reachedOn} ${date(g.reachedOn)}.${g.recognition ? ` ${g.recognition}` : ''}`,
          {
            bold: true,
            gap: 0.2,
          },
        );
      }
      if (g.description) draw(sect, 'P', g.description, { gap: 0.2 });
      draw(sect, 'H4', t.actions, { bold: true, gap: 0.1 });
      if (g.actions.length === 0) draw(sect, 'P', t.noActions);
      else
        list(
          sect,
          g.actions.map(
            (a) =>
              `${a.description}. ${t.who}: ${a.owner.name}. ${t.due}: ${date(a.dueDate)}. ${t.actionStatus[a.status]}.`,
          ),
        );
      const progress = g.events.filter((e) => e.kind !== 'bereikt');
      if (progress.length > 0) {
        draw(sect, 'H4', t.progress, { bold: true, gap: 0.1 });
        list(
          sect,
          progress.map((e) => `${date(e.occurredOn)}: ${e.note}`),
        );
      }
      sect.end();
    }
  }

  const latestZrm = view.zrm?.at(-1);
  if (latestZrm) {
    h2(root, t.zrm);
    draw(root, 'P', `${t.zrmIntro} ${date(latestZrm.assessedOn)}.`);
    list(
      root,
      ZRM_DOMAINS.map((d) => {
        const score = latestZrm.scores[d] as ZrmLevel | undefined;
        return `${t.zrmDomains[d]}: ${score ?? '-'}${score ? ` (${t.zrmLevels[score]})` : ''}`;
      }),
    );
  }
  const latestBridge = view.bridge?.at(-1);
  if (latestBridge) {
    h2(root, t.bridge);
    list(
      root,
      PILLARS.map((p) => {
        const level = latestBridge.levels[p] as ZrmLevel | undefined;
        return `${t.pillars[p]}: ${level ?? '-'}${level ? ` (${t.bridgeLevels[level]})` : ''}`;
      }),
    );
  }
  const network = view.network?.filter((n) => !n.endedOn) ?? [];
  if (network.length > 0) {
    h2(root, t.network);
    list(
      root,
      network.map((n) => (n.organisation ? `${n.name} (${n.organisation})` : n.name)),
    );
  }
  if (view.referrals && view.referrals.length > 0) {
    h2(root, t.referrals);
    list(
      root,
      view.referrals.map(
        (r) =>
          `${r.organisation ?? t.referralTargets[r.target]}${r.organisation ? ` (${t.referralTargets[r.target]})` : ''}: ` +
          `${t.referralStatus[r.status]}`,
      ),
    );
  }
  root.end();
  doc.end();
  return done;
}
