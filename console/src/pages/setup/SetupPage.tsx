import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { CostCenters } from './CostCenters';
import { MemberEnterprises } from './MemberEnterprises';
import { NamesSection } from './NamesSection';

/** The company's vocabularies: levels, categories, extension attributes, cost centers, and a group's members. */
export function SetupPage() {
  const t = useT();
  const company = useCompany();
  const { companyId } = company;
  return (
    <section>
      <h1>{t('setup.title')}</h1>
      <div className="cards">
        <NamesSection title={t('setup.levels')} addLabel={t('setup.addLevels')} list={() => admin.setup.levels.list(companyId)} add={(names) => admin.setup.levels.add(companyId, names)} />
        <NamesSection
          title={t('setup.categories')}
          addLabel={t('setup.addCategories')}
          list={() => admin.setup.categories.list(companyId)}
          add={(names) => admin.setup.categories.add(companyId, names)}
        />
        <NamesSection
          title={t('setup.attributes')}
          addLabel={t('setup.enableAttributes')}
          hint={t('setup.attributesHint')}
          list={() => admin.setup.attributes.list(companyId)}
          add={(names) => admin.setup.attributes.enable(companyId, names)}
        />
        <CostCenters />
        {company.kind !== 'enterprise' && <MemberEnterprises />}
      </div>
    </section>
  );
}
