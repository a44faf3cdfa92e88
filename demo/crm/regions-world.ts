import { city, list, type Region } from './region';

/**
 * Countries outside Europe. US and Canadian numbers use the 555-01xx range reserved for fiction;
 * the others follow obviously made-up patterns.
 */
export const WORLD: readonly Region[] = [
  {
    country: 'USA',
    code: 'US',
    tld: 'com',
    weight: 16,
    numberFirst: true,
    first: list(
      'James|Emily|Michael|Olivia|Ethan|Ava|Daniel|Sophia|Matthew|Isabella|Ryan|Madison|Tyler|Chloe|Brandon|Grace',
    ),
    last: list(
      'Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Rodriguez|Martinez|Anderson|Taylor|Thomas|Moore|Jackson|Martin|Lee',
    ),
    streets: list(
      'Market Street|Main Street|Oak Avenue|Maple Drive|Broadway|Pine Street|Sunset Boulevard',
    ),
    cities: [
      city('San Francisco', '+1 415 555 01##', 'San Francisco, CA 941##'),
      city('New York', '+1 212 555 01##', 'New York, NY 100##'),
      city('Chicago', '+1 312 555 01##', 'Chicago, IL 606##'),
      city('Austin', '+1 512 555 01##', 'Austin, TX 787##'),
      city('Seattle', '+1 206 555 01##', 'Seattle, WA 981##'),
      city('Boston', '+1 617 555 01##', 'Boston, MA 021##'),
      city('Denver', '+1 303 555 01##', 'Denver, CO 802##'),
    ],
    brands: list(
      'Redwood|Bluewater|Summit Ridge|Lakeshore|Brightline|Ironwood|Golden Gate|Cascade',
    ),
    legal: list('Inc.|LLC|Corp.'),
  },
  {
    country: 'Canada',
    code: 'CA',
    tld: 'ca',
    weight: 4,
    numberFirst: true,
    first: list('Liam|Emma|Noah|Charlotte|Benjamin|Chloe|Lucas|Maya|William|Zoe'),
    last: list('Tremblay|Roy|Gagnon|Côté|Bouchard|Wilson|MacDonald|Campbell|Stewart|Leblanc'),
    streets: list(
      'King Street West|Granville Street|Rue Sainte-Catherine|Yonge Street|Robson Street',
    ),
    cities: [
      city('Toronto', '+1 416 555 01##', 'Toronto, ON M5V #A#'),
      city('Vancouver', '+1 604 555 01##', 'Vancouver, BC V6B #C#'),
      city('Montreal', '+1 514 555 01##', 'Montréal, QC H2X #B#'),
    ],
    brands: list('Maple|Northern|Laurentian|Pacific Rim|Boreal'),
    legal: list('Inc.|Ltd.'),
  },
  {
    country: 'China',
    code: 'CN',
    tld: 'cn',
    weight: 6,
    numberFirst: true,
    familyFirst: true,
    first: list('Wei|Fang|Na|Min|Jing|Lei|Yang|Jie|Tao|Xiuying|Haoran|Zihan|Yuxuan|Ming'),
    last: list('Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou'),
    streets: list('Jianguo Road|Nanjing Road|Shennan Avenue|Tianhe Road|Zhongshan Road'),
    cities: [
      city('Beijing', '+86 10 5555 ####', 'Beijing 100###'),
      city('Shanghai', '+86 21 5555 ####', 'Shanghai 200###'),
      city('Shenzhen', '+86 755 5555 ####', 'Shenzhen 518###'),
      city('Guangzhou', '+86 20 5555 ####', 'Guangzhou 510###'),
    ],
    brands: list('Jade River|Golden Lotus|Pearl Delta|Great Wall|Silk Road'),
    legal: list('Co., Ltd.|Technology Co., Ltd.'),
  },
  {
    country: 'Japan',
    code: 'JP',
    tld: 'jp',
    weight: 3,
    numberFirst: true,
    first: list('Haruto|Yui|Sota|Hina|Ren|Aoi|Yuto|Sakura|Kaito|Mei'),
    last: list('Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato'),
    streets: list('Marunouchi, Chiyoda-ku|Shibuya, Shibuya-ku|Umeda, Kita-ku|Ginza, Chuo-ku'),
    cities: [
      city('Tokyo', '+81 3 5555 ####', 'Tokyo 1##-####'),
      city('Osaka', '+81 6 5555 ####', 'Osaka 5##-####'),
    ],
    brands: list('Sakura|Fuji|Kaze|Hikari|Nami'),
    legal: list('K.K.|Co., Ltd.'),
  },
  {
    country: 'Brazil',
    code: 'BR',
    tld: 'com.br',
    weight: 3,
    first: list('Miguel|Alice|Arthur|Helena|Heitor|Laura|Davi|Valentina|Bernardo|Beatriz'),
    last: list('Silva|Santos|Oliveira|Souza|Rodrigues|Ferreira|Alves|Pereira|Lima|Gomes'),
    streets: list('Avenida Paulista|Rua Augusta|Avenida Atlântica|Rua Oscar Freire'),
    cities: [
      city('São Paulo', '+55 11 5555 ####', '01###-### São Paulo'),
      city('Rio de Janeiro', '+55 21 5555 ####', '22###-### Rio de Janeiro'),
    ],
    brands: list('Amazônia|Ipanema|Cerrado|Tropical|Aurora'),
    legal: list('Ltda.|S.A.'),
  },
  {
    country: 'Australia',
    code: 'AU',
    tld: 'com.au',
    weight: 3,
    numberFirst: true,
    first: list('Jack|Charlotte|William|Olivia|Noah|Amelia|Thomas|Mia|Lachlan|Matilda'),
    last: list('Smith|Jones|Williams|Brown|Wilson|Taylor|Nguyen|Johnson|Martin|White'),
    streets: list('George Street|Collins Street|Queen Street|Pitt Street|Bourke Street'),
    cities: [
      city('Sydney', '+61 2 5550 ####', 'Sydney NSW 2###'),
      city('Melbourne', '+61 3 5550 ####', 'Melbourne VIC 3###'),
      city('Brisbane', '+61 7 5550 ####', 'Brisbane QLD 4###'),
    ],
    brands: list('Southern Cross|Coral|Outback|Eucalypt|Harbourside'),
    legal: list('Pty Ltd'),
  },
];
