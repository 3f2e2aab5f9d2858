/**
 * Name and place data for the synthetic population. The lists mirror the spelling variety a real BRP holds
 * (tussenvoegsels, diacritics, ij/y, double letters, names of Turkish, Moroccan, Surinamese and Polish origin)
 * so that screens, search and letters are exercised with realistic input. None of it describes real people.
 */

export type Origin = 'nl' | 'tr' | 'ma' | 'sr' | 'pl';

export interface NamePool {
  readonly male: readonly string[];
  readonly female: readonly string[];
}

/** Share of households per origin; the rest of the generator treats these as relative weights. */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const ORIGIN_WEIGHTS: readonly (readonly [Origin, number])[] = [
  ['nl', 80],
  ['tr', 5],
  ['ma', 5],
  ['sr', 6],
  ['pl', 4],
];

/**
 * Dutch first names change with fashion, so a 6-year-old "Hendrika" or an 85-year-old "Jayden" would look
 * off; the pools are split by birth year (old: before 1965, mid: 1965-1994, young: 1995 and later).
 */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const DUTCH_FIRST_NAMES: { readonly [Generation in 'old' | 'mid' | 'young']: NamePool } = {
  old: {
    male: [
      'Johannes', 'Cornelis', 'Hendrik', 'Jacobus', 'Pieter', 'Petrus', 'Willem', 'Gerrit', 'Adrianus',
      'Dirk', 'Jan', 'Klaas', 'Theodorus', 'Gerardus', 'Wilhelmus', 'Antonius', 'Franciscus', 'Bernardus',
      'Hubertus', 'Josephus', 'Leonardus', 'Martinus', 'Nicolaas', 'Albertus', 'Arie', 'Teunis', 'Hermanus',
      'Lambertus', 'Marinus', 'Gijsbertus', 'Jacob', 'Frederik', 'Harm', 'Jaap', 'Kees', 'Henk', 'Leendert',
      'Sjoerd', 'Douwe', 'Tjeerd', 'Auke', 'Hendrikus', 'Egbert', 'Evert', 'Rudolf', 'Aart', 'Bastiaan',
      'Engelbertus', 'Noël', 'Daniël',
    ],
    female: [
      'Maria', 'Johanna', 'Cornelia', 'Anna', 'Hendrika', 'Wilhelmina', 'Geertruida', 'Elisabeth',
      'Catharina', 'Margaretha', 'Adriana', 'Jacoba', 'Petronella', 'Alida', 'Grietje', 'Aaltje', 'Neeltje',
      'Trijntje', 'Gerritje', 'Antje', 'Hillegonda', 'Theodora', 'Francisca', 'Bernadette', 'Agatha',
      'Gerda', 'Riet', 'Annie', 'Corrie', 'Truus', 'Tineke', 'Baukje', 'Froukje', 'Sjoukje', 'Janna',
      'Dirkje', 'Hermina', 'Louise', 'Henriëtte', 'Mariëtte', 'Thérèse', 'Irène',
    ],
  },
  mid: {
    male: [
      'Mark', 'Dennis', 'Jeroen', 'Erik', 'Michel', 'Patrick', 'Marco', 'Richard', 'Robert', 'Martijn',
      'Sander', 'Maarten', 'Bas', 'Ruud', 'Wim', 'Gert', 'Arjan', 'Edwin', 'Ronald', 'Marcel', 'Vincent',
      'Joost', 'Niels', 'Remco', 'Wouter', 'Jasper', 'Joris', 'Koen', 'Stefan', 'Bart', 'Frank', 'Rob',
      'Hans', 'Peter', 'René', 'André', 'José', 'Raphaël', 'Michaël', 'Joël', 'Daniël', 'Mathijs', 'Thijs',
      'Jelle', 'Wietse', 'Rutger',
    ],
    female: [
      'Monique', 'Sandra', 'Linda', 'Ilse', 'Esther', 'Marieke', 'Anouk', 'Femke', 'Marloes', 'Wendy',
      'Anke', 'Anneke', 'Ingrid', 'Marja', 'Els', 'Petra', 'Karin', 'Mirjam', 'Miriam', 'Judith', 'Saskia',
      'Nicole', 'Kim', 'Manon', 'Chantal', 'Danielle', 'Daniëlle', 'Renée', 'Mariëlle', 'Anaïs', 'Noëlle',
      'Chloë', 'Inge', 'Janneke', 'Ineke', 'Mieke', 'Yvonne', 'Astrid', 'Marijke', 'Jolanda', 'Brigitte',
      'Hélène',
    ],
  },
  young: {
    male: [
      'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Noah', 'Liam', 'Luuk', 'Milan', 'Jesse', 'Bram', 'Lars',
      'Sven', 'Ruben', 'Stijn', 'Tim', 'Thijs', 'Mick', 'Teun', 'Siem', 'Jurre', 'Ties', 'Boaz', 'Gijs',
      'Hidde', 'Mees', 'Jens', 'Thomas', 'Julian', 'Max', 'Olivier', 'Morris', 'Jayden', 'Dex', 'Otis',
      'Guus', 'Hugo', 'Floris', 'Daniël', 'Joël', 'Noël', 'Raphaël', 'Gaël', 'Matthijs', 'Sjoerd', 'Tygo',
      'Vince', 'Cas',
    ],
    female: [
      'Emma', 'Julia', 'Sophie', 'Tess', 'Fenna', 'Saar', 'Nora', 'Mila', 'Yara', 'Evi', 'Noa', 'Liv',
      'Anna', 'Lotte', 'Lisa', 'Sanne', 'Isa', 'Jasmijn', 'Fleur', 'Mirthe', 'Roos', 'Floor', 'Maud',
      'Benthe', 'Lynn', 'Lieke', 'Femke', 'Anouk', 'Zoë', 'Chloë', 'Anaïs', 'Noëlla', 'Daphné', 'Zoé',
      'Linde', 'Nova', 'Elin', 'Sara', 'Eva', 'Olivia', 'Hanna', 'Lauren', 'Ilse', 'Jikke', 'Sietske',
      'Mette',
    ],
  },
};

// biome-ignore format: dense data lists are easier to scan than one name per line
export const FIRST_NAMES: Readonly<Record<Exclude<Origin, 'nl'>, NamePool>> = {
  tr: {
    male: [
      'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Emre', 'Burak', 'Yusuf', 'Murat',
      'Serkan', 'Kerem', 'Efe', 'Eymen', 'Çağlar', 'Ömer', 'Osman', 'Erdal', 'Volkan', 'Tolga', 'Barış',
      'Gökhan', 'Uğur', 'Enes', 'Furkan',
    ],
    female: [
      'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Büşra', 'Özlem', 'Gül', 'Sevda', 'Esra',
      'Songül', 'Dilek', 'Şeyma', 'Hülya', 'Ecrin', 'Nisa', 'Gülşen', 'Derya', 'Sibel', 'Tuğba', 'Yağmur',
      'Çiğdem',
    ],
  },
  ma: {
    male: [
      'Mohamed', 'Mohammed', 'Ahmed', 'Youssef', 'Mustapha', 'Said', 'Hamza', 'Ayoub', 'Bilal', 'Ilias',
      'Rayan', 'Adam', 'Anas', 'Zakaria', 'Soufiane', 'Khalid', 'Rachid', 'Abdelkader', 'Abdelaziz',
      'Nourdin', 'Karim', 'Othman', 'Yassine', 'Redouan', 'Mourad', 'Driss',
    ],
    female: [
      'Fatima', 'Khadija', 'Aicha', 'Nadia', 'Malika', 'Samira', 'Yasmina', 'Salma', 'Imane', 'Hajar', 'Nora',
      'Sara', 'Meryem', 'Ikram', 'Loubna', 'Naima', 'Zineb', 'Houda', 'Siham', 'Rachida', 'Latifa', 'Najat',
      'Soukaina', 'Aya', 'Ilham', 'Chaïma',
    ],
  },
  sr: {
    male: [
      'Ravi', 'Rishi', 'Ashwin', 'Sunil', 'Rajesh', 'Anand', 'Kishan', 'Dinesh', 'Soeniel', 'Guno', 'Kenneth',
      'Rodney', 'Ricardo', 'Romano', 'Marciano', 'Clarence', 'Glenn', 'Humphrey', 'Errol', 'Virgil', 'Ruben',
      'Sergio', 'Roy', 'Dwight', 'Iwan', 'Prakash',
    ],
    female: [
      'Sharmila', 'Anjali', 'Priya', 'Shanti', 'Chandrika', 'Sunita', 'Reshma', 'Gaitrie', 'Sarita',
      'Natasha', 'Shirley', 'Gracia', 'Marisca', 'Jennifer', 'Jolanda', 'Rachelle', 'Naomi', 'Ashanti',
      'Kimberley', 'Zarah', 'Dewi', 'Soekarni', 'Indra', 'Mavis', 'Romy', 'Chenice',
    ],
  },
  pl: {
    male: [
      'Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Łukasz', 'Marcin', 'Grzegorz', 'Jakub', 'Kacper',
      'Wojciech', 'Andrzej', 'Mateusz', 'Bartłomiej', 'Dariusz', 'Sławomir', 'Kamil', 'Szymon', 'Przemysław',
      'Zbigniew',
    ],
    female: [
      'Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Magdalena', 'Joanna', 'Monika', 'Aleksandra', 'Zofia',
      'Julia', 'Dorota', 'Beata', 'Ewa', 'Barbara', 'Agata', 'Justyna', 'Łucja', 'Wiktoria', 'Urszula',
      'Jolanta',
    ],
  },
};

/** Used for people registered with geslacht O (onbekend/anders). */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const UNISEX_FIRST_NAMES: readonly string[] = [
  'Sam', 'Robin', 'Kim', 'Charlie', 'Noa', 'Jip', 'Sasha', 'Alex', 'Lou', 'Jamie', 'Quinn', 'Mika', 'Ariël',
  'Jesse', 'Dani', 'Bo', 'Sky', 'Luca',
];

/**
 * Tussenvoegsels (BRP voorvoegsels) recognised at the start of a surname, longest first so that "van der"
 * wins over "van". Stored lower case, apart from the name itself, as the BRP does.
 */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const TUSSENVOEGSELS: readonly string[] = [
  'van den', 'van der', 'van de', "van 't", 'van het', "in 't", 'in de', 'in den', "op 't", 'op de', 'op den',
  'uit de', 'uit den', 'aan de', 'de la', 'de le', 'van', 'de', 'der', 'den', 'ter', 'ten', 'te', "'t", 'la',
  'le', 'du',
];

/**
 * Surnames as written in full; the tussenvoegsel is split off by {@link splitSurname}. Includes spelling
 * pairs that search must not conflate by accident (Jansen/Janssen, Meijer/Meyer, Smit/Smits, de Bruijn/de
 * Bruin), German and French names with diacritics or ß, Frisian -stra/-sma names, legal double names and a few
 * hyphenated ones.
 */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const SURNAMES: Readonly<Record<Origin, readonly string[]>> = {
  nl: [
    'de Jong', 'Jansen', 'Janssen', 'Janssens', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser',
    'Smit', 'Smits', 'Meijer', 'Meyer', 'Mijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters',
    'Peeters', 'Hendriks', 'Hendrikx', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smeets',
    'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Heuvel',
    'van der Veen', 'van den Broek', 'de Bruijn', 'de Bruin', 'de Bruyn', 'van der Heijden', 'van der Heyden',
    'Schouten', 'van Beek', 'Willems', 'van Vliet', 'van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster',
    'van Dam', 'van der Wal', 'Prins', 'Blom', 'Huisman', 'Kuipers', 'Kuiper', 'van Wijk', 'Post', 'Veenstra',
    'Kramer', 'van den Brink', 'Scholten', 'van Wijngaarden', 'Martens', 'Vink', 'Hermans', 'Timmermans',
    'Groen', 'Boersma', 'Postma', 'Sijtsma', 'Wiersma', 'Zijlstra', 'Bouma', 'Hoogendoorn', 'Hoogeveen',
    'ter Horst', 'ter Beek', 'ten Cate', 'ten Brink', 'te Riele', "in 't Veld", "van 't Hof", "van 't Zand",
    "'t Hart", "'t Hooft", 'de la Cour', 'de la Rie', 'de la Fontaine', 'op den Brouw', 'op de Beek',
    'uit den Bogaard', 'uit de Weerd', 'in de Braekt', 'van de Laar', 'van der Ploeg', 'van der Berg',
    'van Dongen', 'van Rijn', 'van Rooij', 'van Rooy', 'van Schaik', 'van Ee', 'van het Hof', 'den Hollander',
    'den Boer', 'der Kinderen', 'van IJzendoorn', 'IJzerman', 'van Ierland', 'Eijkelboom', 'Ruijs',
    'Huijbregts', 'Van Houten', 'Müller', 'Schröder', 'Schäfer', 'Köhler', 'Krüger', 'Weiß', 'Weiss', 'Groß',
    'Strauß', 'Lefèvre', 'Dubois', 'Boulanger', 'Noë', 'Michiëls', 'Daniëls', 'Coëlho', 'Gonçalves',
    'Fernández', 'García', 'Ramírez', 'Nguyen', 'Tran', 'Nijhuis', 'Wijnands', 'Wijffels', 'Pauwels',
    'Claessens', 'Claassen', 'Klaassen', 'Gerritsen', 'Gerrits', 'Pietersen', 'Pieterse', 'Willemsen',
    'Evers', 'Hoekman', 'Molenaar', 'Verbeek', 'Verschuren', 'Wouters', 'Kersten', 'Driessen', 'Lambregts',
    'Roelofs', 'Hofman', 'Hoffmann', 'Bosman', 'Mertens', 'Sanders', 'Goossens', 'Jonker', 'Koopman',
    'Lammers', 'Snijders', 'Snyders', 'Schipper', 'Bouwman', 'Vonk', 'Bijl', 'Steenbergen', 'Kamphuis',
    'Wolters', 'Brinkman', 'Aarts', 'Arts', 'Bouwmeester', 'Bosch van Drakestein', 'Rutgers van Rozenburg',
    'Schimmelpenninck van der Oye', 'de Savornin Lohman', 'van Lynden tot Sandenburg', 'Pietersen-Bakker',
    'Mulder-de Wit', 'Jansen-Dekker', 'Sleeuwenhoek', 'Vlijm', 'Fennema', 'Terpstra', 'Kingma', 'Faber',
    'Haverkamp', 'Engelen', 'Stoffels',
  ],
  tr: [
    'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan',
    'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Korkmaz',
    'Erdoğan', 'Güneş', 'Akgül', 'Bulut', 'Karaca', 'Türkmen', 'Uçar', 'Gündoğdu', 'Tekin', 'Yavuz', 'Altun',
    'Erdem',
  ],
  ma: [
    'El Amrani', 'Bakkali', 'Benali', 'El Idrissi', 'Ouali', 'Aziz', 'Boukhari', 'El Khatib', 'Amrani',
    'Azzouzi', 'Bouzian', 'Chaoui', 'El Hamdaoui', 'Haddou', 'Mohammadi', 'Tahiri', 'Zaoui', 'Ait Brahim',
    'Ben Said', 'El Ouazzani', 'Boutaleb', 'El Yaakoubi', 'Ouaziz', 'Bouzerda', 'Achahbar', 'El Morabit',
    'Abarkan', 'Aboutaleb', 'Marzouki', 'Lamrani', 'El Bouazzaoui', 'Sghir',
  ],
  sr: [
    'Biharie', 'Ramdin', 'Sewbalak', 'Kromodimedjo', 'Pinas', 'Kensenhuis', 'Wijngaarde', 'Zeefuik', 'Sabajo',
    'Doelwijt', 'Lie A Kwie', 'Jie A Joen', 'Tjon A Ten', 'Fung A Loi', 'Ramsaran', 'Jagessar', 'Mahabier',
    'Sitaldin', 'Ramnath', 'Soekhoe', 'Kartosen', 'Sastrodimedjo', 'Pawirodikromo', 'Amatmoekrim', 'Brunings',
    'Vreden', 'Esajas', 'Emanuelson', 'Linger', 'Hoost', 'Bouterse', 'Aroma', 'Karg', 'Mungra', 'Kanhai',
  ],
  pl: [
    'Nowak', 'Wójcik', 'Woźniak', 'Mazur', 'Krawczyk', 'Kaczmarek', 'Zając', 'Król', 'Wieczorek', 'Wróbel',
    'Stępień', 'Dudek', 'Pawlak', 'Walczak', 'Sikora', 'Baran', 'Michalak', 'Szewczyk', 'Górecki',
    'Kowalczyk', 'Jaworek', 'Kubiak', 'Malinowski', 'Nowicki', 'Kowalski', 'Lis', 'Chmiel', 'Czarnecki',
    'Sobczak', 'Duda',
  ],
};

/** Splits "van der Meer" into voorvoegsel "van der" and geslachtsnaam "Meer"; names without one stay whole. */
export function splitSurname(full: string): { voorvoegsel: string | null; geslachtsnaam: string } {
  for (const prefix of TUSSENVOEGSELS) {
    if (full.length > prefix.length + 1 && full.startsWith(`${prefix} `)) {
      const rest = full.slice(prefix.length + 1);
      // A lower-case remainder would mean the prefix was part of a longer lower-case phrase, not a voorvoegsel.
      if (rest[0] !== undefined && rest[0] !== rest[0].toLowerCase()) {
        return { voorvoegsel: prefix, geslachtsnaam: rest };
      }
    }
  }
  return { voorvoegsel: null, geslachtsnaam: full };
}

/** Street name building blocks: stem + suffix gives "Eikenlaan", "Merelstraat", "Van Goghplein". */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const STREET_STEMS: readonly string[] = [
  'Eiken', 'Beuken', 'Berken', 'Linden', 'Iepen', 'Esdoorn', 'Kastanje', 'Wilgen', 'Populieren', 'Platanen',
  'Elzen', 'Hazelaar', 'Meidoorn', 'Vlier', 'Hulst', 'Taxus', 'Dennen', 'Sparren', 'Lariks', 'Ceder', 'Appel',
  'Peren', 'Kersen', 'Pruimen', 'Noten', 'Rozen', 'Tulp', 'Narcis', 'Krokus', 'Lelie', 'Anjer', 'Iris',
  'Goudsbloem', 'Zonnebloem', 'Klaproos', 'Korenbloem', 'Margriet', 'Viooltjes', 'Seringen', 'Jasmijn',
  'Lavendel', 'Heide', 'Vlas', 'Merel', 'Lijster', 'Spreeuwen', 'Mussen', 'Vinken', 'Zwaluw', 'Koekoek',
  'Kievit', 'Grutto', 'Reiger', 'Ooievaar', 'Zwanen', 'Meeuwen', 'Uilen', 'Valk', 'Havik', 'Buizerd',
  'Specht', 'IJsvogel', 'Roodborst', 'Nachtegaal', 'Leeuwerik', 'Wielewaal', 'Pauw', 'Fazant', 'Patrijs',
  'Kwartel', 'Molen', 'Kerk', 'School', 'Stations', 'Haven', 'Dorps', 'Markt', 'Veer', 'Sluis', 'Dijk',
  'Polder', 'Weide', 'Akker', 'Esch', 'Brink', 'Hoeve', 'Kasteel', 'Burcht', 'Poort', 'Toren', 'Wal',
  'Gracht', 'Singel', 'Vaart', 'Beek', 'Bron', 'Vijver', 'Duin', 'Zand', 'Klei', 'Veen', 'Turf', 'Hooi',
  'Koren', 'Tarwe', 'Rogge', 'Haver', 'Gerst', 'Hop', 'Smeden', 'Bakkers', 'Kuipers', 'Wevers', 'Ververs',
  'Timmer', 'Schilders', 'Touw', 'Scheepmakers', 'Zeilmakers', 'Lijnbaans', 'Vissers', 'Jagers', 'Herders',
  'Boeren', 'Noorder', 'Zuider', 'Ooster', 'Wester', 'Zon', 'Maan', 'Sterren', 'Planeten', 'Regenboog',
  'Mercurius', 'Jupiter', 'Saturnus', 'Orion', 'Pegasus', 'Juliana', 'Beatrix', 'Wilhelmina', 'Emma',
  'Oranje', 'Nassau', 'Willem-Alexander', 'Prins Hendrik', 'Prins Bernhard', 'Prinses Irene',
  'Prinses Margriet', 'Koningin Máxima', 'Curaçao', 'Aruba', 'Bonaire', 'Paramaribo', 'Suriname', 'Ambon',
  'Java', 'Sumatra', 'Borneo', 'Bali', 'IJssel', 'Maas', 'Rijn', 'Waal', 'Lek', 'Vecht', 'Amstel', 'Schelde',
  'Dommel', 'Dinkel', 'Berkel', 'Regge', 'Linge', 'Eem',
];

// biome-ignore format: dense data lists are easier to scan than one name per line
export const STREET_PERSONS: readonly string[] = [
  'Van Gogh', 'Rembrandt', 'Vermeer', 'Frans Hals', 'Jan Steen', 'Mondriaan', 'Escher', 'Erasmus', 'Spinoza',
  'Huygens', 'Leeuwenhoek', 'Lorentz', 'Kamerlingh Onnes', 'Thorbecke', 'Johan de Witt', 'Michiel de Ruyter',
  'Piet Heyn', 'Tromp', 'Van Speijk', 'Multatuli', 'Vondel', 'Bredero', 'Hooft', 'Annie M.G. Schmidt',
  'Anne Frank', 'Aletta Jacobs', 'Wolff en Deken', 'Willem Drees', 'Burgemeester de Vlugt',
  'Burgemeester van Roijen', 'Dokter Schaepman', 'Pastoor van Ars', 'Professor Zernike', 'Generaal Foulkes',
  'Kapitein Kok', 'Schout bij Nacht Doorman', 'Anton de Kom', 'Kwakoe', 'Tula', 'Marga Klompé',
  'Hannie Schaft', 'Titus Brandsma', 'Jac. P. Thijsse', 'Toon Hermans', 'Godfried Bomans', 'Simon Vestdijk',
  'Mr. P.J. Troelstra', 'Ds. Kuyper', 'Sint Jans', 'Sint Nicolaas',
];

/** Adjectival place forms for "Utrechtseweg", "Amsterdamsestraatweg". */
// biome-ignore format: dense data lists are easier to scan than one name per line
export const STREET_PLACES: readonly string[] = [
  'Amsterdamse', 'Utrechtse', 'Haarlemse', 'Leidse', 'Delftse', 'Goudse', 'Zwolse', 'Groningse', 'Arnhemse',
  'Nijmeegse', 'Bredase', 'Tilburgse', 'Hoornse', 'Alkmaarse', 'Amersfoortse', 'Rijnsburgse', 'Deventer',
  'Kamper', 'Zutphense', 'Apeldoornse', 'Hilversumse', 'Bossche', 'Eindhovense', 'Maastrichtse', 'Venlose',
  'Roermondse', 'Dordtse', 'Schiedamse', 'Rotterdamse', 'Haagse', 'Wassenaarse', 'Zeister', 'Driebergse',
  'Barneveldse', 'Ede', 'Wageningse', 'Leeuwarder', 'Drachtster', 'Sneker', 'Bolswarder', 'Harlinger',
];

// biome-ignore format: dense data lists are easier to scan than one name per line
export const STREET_SUFFIXES: readonly string[] = [
  'straat', 'laan', 'weg', 'plein', 'hof', 'gracht', 'kade', 'singel', 'dreef', 'pad', 'park', 'erf', 'steeg',
  'dijk', 'wal', 'plantsoen', 'baan', 'veld',
];

// biome-ignore format: dense data lists are easier to scan than one name per line
export const STREET_MODIFIERS: readonly string[] = [
  '', 'Nieuwe ', 'Oude ', 'Korte ', 'Lange ', 'Kleine ', 'Grote ',
];

// biome-ignore format: dense data lists are easier to scan than one name per line
export const PLACE_NAMES: readonly string[] = [
  'Amsterdam', 'Rotterdam', "'s-Gravenhage", 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere',
  'Breda', 'Nijmegen', 'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', 'Amersfoort', 'Zaanstad',
  "'s-Hertogenbosch", 'Haarlemmermeer', 'Zwolle', 'Zoetermeer', 'Leiden', 'Leeuwarden', 'Maastricht',
  'Dordrecht', 'Ede', 'Alphen aan den Rijn', 'Westland', 'Alkmaar', 'Emmen', 'Delft', 'Venlo', 'Deventer',
  'Sittard-Geleen', 'Helmond', 'Oss', 'Amstelveen', 'Hilversum', 'Súdwest-Fryslân', 'Heerlen', 'Hengelo',
  'Purmerend', 'Schiedam', 'Lelystad', 'Roosendaal', 'Leidschendam-Voorburg', 'Hoorn', 'Vlaardingen', 'Gouda',
  'Almelo', 'Capelle aan den IJssel', 'IJsselstein', 'IJmuiden', 'Bergen op Zoom', 'Nieuwegein', 'Veenendaal',
  'Zeist', 'Den Helder', 'Hardenberg', 'Emmeloord', 'Ridderkerk', 'Assen', 'Weert', 'Kampen', 'Katwijk',
  'Woerden', 'Heerhugowaard', 'Doetinchem', 'Harderwijk', 'Barneveld', 'Zutphen', 'Heerenveen', 'Middelburg',
  'Vlissingen', 'Goes', 'Terneuzen', 'Kerkrade', 'Roermond', 'Tiel', 'Culemborg', 'Wageningen', 'Drachten',
  'Sneek', 'Dokkum', 'Harlingen', 'Franeker', 'Bolsward', 'Wâlterswâld', 'Easterein', 'Kollumerzwaag',
  'Stiens', 'Winsum', 'Appingedam', 'Delfzijl', 'Veendam', 'Stadskanaal', 'Coevorden', 'Meppel', 'Steenwijk',
  'Ommen', 'Oldenzaal', 'Winterswijk', 'Zevenaar', 'Oosterhout', 'Waalwijk', 'Uden', 'Veghel', 'Boxtel',
  'Valkenswaard', 'Geldrop', 'Nuenen', 'Best', 'Oisterwijk', 'Gemert', 'Vaals', 'Valkenburg',
];
