"""The clean summaries of the fictional corpus (tests/deid/corpus.py), one per case, in the style of a published
SAR executive summary: the adult by pseudonym only, agencies by name, practitioners by role. Nothing in them
identifies anyone; every hit the check makes on them is a false positive. Everything is invented."""

from __future__ import annotations

SUMMARIES: dict[str, str] = {}

SUMMARIES["c01"] = """\
Safeguarding Adult Review: Mr M. Executive summary.

Rotherham Safeguarding Adults Board commissioned this review under section 44 of the Care Act 2014 after Mr M, a man in his late seventies, died in a fire at his home in Maltby. Mr M lived alone in a privately owned terraced house. He had smoked all his adult life, used a gas fire in one room and had collected newspapers, bags and furniture over many years, so that most rooms could not be used for their purpose.

The review covers the two years before his death. It was carried out by an independent lead reviewer with a panel of senior managers from Rotherham Metropolitan Borough Council Adult Social Care, South Yorkshire Fire & Rescue, South Yorkshire Integrated Care Board, The Rotherham NHS Foundation Trust and South Yorkshire Police. Practitioners who knew Mr M took part in a multi-agency learning event, and his family shared their memories of him with the reviewer.

What happened

Mr M was described by those who knew him as proud, private and witty. He had worked at the steelworks for most of his life and kept in touch with former colleagues at the working men's club until his mobility declined. In the spring of 2021 a neighbour raised concerns with the council about the state of the garden and the smell from the property. A safeguarding concern was made and an adult social care worker visited. Mr M declined help with the house, saying it would take a long time to sort and that he would do it himself.

The GP practice saw Mr M for chest infections and leg ulcers. A home fire safety visit was offered twice; the second was completed in the autumn of 2021 and smoke alarms were fitted. The fire service recorded a high risk because of the clutter, the smoking and the gas fire, but the referral back to adult social care did not reach the team that had closed the case a few weeks earlier. No multi-agency meeting was held.

Key findings

1. Self-neglect and hoarding were seen as a lifestyle choice rather than a risk to life. Agencies accepted Mr M's refusals at face value and did not explore why he declined help or what lay behind the hoarding.

2. Mental capacity was assumed but not assessed, although his ability to carry out decisions about fire safety, his executive functioning, was in doubt. Practitioners said at the learning event that they were unsure when a capacity assessment was needed for a person who could talk through a decision but not act on it.

3. Fire risk information was not shared in a way that led to action. The fire service's high-risk finding did not trigger the self-neglect and hoarding procedure, and no agency held the whole picture.

4. There was good practice. The district nursing team built a trusting relationship with Mr M over many months and was the one service he let in; the watch manager's visit was thorough and well recorded.

Recommendations

The Board should assure itself that the multi-agency self-neglect and hoarding procedure is understood across the partnership, including when to convene a multi-agency risk meeting; that partners use the clutter image rating and a shared fire risk tool; and that mental capacity training covers executive functioning. South Yorkshire Fire & Rescue and adult social care should agree how a high-risk home fire safety visit is escalated when a case has been closed.

The Board has accepted all the recommendations. Progress will be reported in the annual report and on the Board's website, www.rsab.org.uk. To report a safeguarding concern, call 01709 822330.
"""

SUMMARIES["c02"] = """\
Safeguarding Adult Review: Mrs C. Executive summary.

This review was commissioned by Rotherham Safeguarding Adults Board as a mandatory review after the death of Mrs C, a woman in her early seventies who lived in Rawmarsh with her adult son. Mrs C had arthritis and heart failure and needed help with personal care. Her son was her main carer. He misused alcohol and cocaine and there had been reports of domestic abuse towards his mother for several years.

The review used a systems approach led by an independent reviewer. Agencies provided chronologies and practitioners from South Yorkshire Police, Rotherham Metropolitan Borough Council, The Rotherham NHS Foundation Trust, the GP practice and the local domestic abuse service attended a learning event. Mrs C's family contributed to the review; her daughter said she hoped that what happened to her mother would help others.

Summary of events

Between 2019 and 2022 the police attended the address eleven times. On most occasions Mrs C said that nothing had happened or that she did not want her son to get into trouble. Two risk assessments were graded standard and one medium. A referral to the multi-agency risk assessment conference was made once, in the summer of 2021, and the case was discussed; the actions agreed were not followed up when Mrs C declined contact from the independent domestic violence adviser.

District nurses visited regularly for her leg wounds. They noticed bruising on two occasions and recorded Mrs C's explanation that she had fallen. They also noted that the kitchen had no working white goods and that there was little food in the house. A safeguarding concern about neglect was raised, but the enquiry focused on the state of the home rather than on who was causing harm.

Findings

Domestic abuse of older people by adult children was not recognised as domestic abuse. Practitioners thought of the son as a carer who was struggling rather than as a possible perpetrator, and risk tools designed around intimate partner abuse did not fit the situation.

Mrs C's wishes were respected, in line with Making Safeguarding Personal, but the reasons behind her reluctance, her love for her son, fear and dependence on him, were not explored. There was hope among practitioners that things would improve when he engaged with treatment; this optimism was not tested against the history.

Think Family was not applied: the son's own needs, his substance misuse and his role as a carer were assessed separately, by different services, and no one brought these together. A carer's assessment was never offered.

Professional curiosity was shown by the district nursing team, who asked about the bruising and recorded what they saw. Their concern should have been escalated when the explanation did not fit.

Recommendations

1. The Board should seek assurance that partners' domestic abuse training and risk assessment include abuse of older people by family members and carers.

2. Partners should review how repeated incidents below the threshold for the risk conference are identified and escalated.

3. Adult social care should make sure that carers' assessments consider risk to the cared-for person as well as the carer's needs.

The Board thanks Mrs C's family for their contribution. The full report is published at www.rsab.org.uk. If you are worried about an adult, call 01709 822330.
"""

SUMMARIES["c03"] = """\
Rotherham Safeguarding Adults Board. Safeguarding Adult Review concerning Adult L: executive summary.

Adult L was a young man of twenty with a learning disability and autism who died in hospital from aspiration pneumonia, a few months after moving from a residential school to a supported living service in Wath-upon-Dearne. He was much loved by his family, who described him as funny, affectionate and passionate about trains and music. He communicated mainly with signs, gestures and a small number of words.

The Board decided that the criteria for a discretionary review were met and commissioned a review using a proportionate, learning-focused approach. Adult L's death was also reviewed under the Learning from Lives and Deaths (LeDeR) programme, and the two reviews shared information.

The period under review

Planning for Adult L's move into adult services began when he was seventeen, but the transitions social worker was allocated only six months before he left school. His education, health and care plan described a modified diet and the need for supervision when eating because of a risk of choking. This information reached the supported living provider as a summary, without the speech and language therapy guidance.

In his first weeks in his new home Adult L lost weight, became distressed at mealtimes and coughed when eating. Support workers thought he was unsettled by the move. He was seen twice by the GP practice with chest infections. The community learning disability nurse visited and referred him to speech and language therapy; the referral was triaged as routine and he was on the waiting list when he was admitted to hospital.

Findings

Transition planning started in time on paper but not in practice. The grace period that families are promised, with both children's and adult services involved for a time, did not happen: the school's knowledge of Adult L was lost when the placement ended.

Reasonable adjustments were not consistently made. Adult L's hospital passport was not brought with him to appointments, and his distress was attributed to autism rather than investigated as a sign of physical illness, so-called diagnostic overshadowing.

Information about the risk of choking did not follow him. Each agency held a part of the picture, but no one held all of it. Support staff had not been trained in dysphagia and did not know that coughing when eating was a warning sign.

His family were not listened to. His mother and grandfather told the provider that he had always needed his food prepared in a particular way; this was recorded as a preference rather than a clinical need.

Good practice

The community learning disability nurse recognised that something was wrong and acted on it. The ward staff made sure his family could stay with him throughout his final admission.

Recommendations

The Board should ask partners to show that transition planning for young people with complex needs begins no later than the age of fourteen and that adult social care is involved from then on; that dysphagia information is shared in full when a person moves between services; and that providers train staff to recognise the signs of aspiration. The Integrated Care Board should review waiting times for speech and language therapy for people with a learning disability.

For more information about the Board's work visit www.rsab.org.uk. To report a concern about an adult at risk call 01709 822330.
"""

SUMMARIES["c04"] = """\
Safeguarding Adult Review: Adult B. Executive summary.

Rotherham Safeguarding Adults Board commissioned this review following the death of Adult B, a man in his forties, in a tent in woodland near Rotherham town centre. He had been discharged from hospital nine days earlier. The cause of death was found to be hypothermia, with alcohol a contributing factor.

Adult B had come to the United Kingdom to work in a food processing factory. He spoke good English but preferred to read in his first language. After losing his job and his tied accommodation in 2020 he slept rough or stayed with friends, and his drinking increased. He had a conviction for shoplifting and was supervised by the Probation Service.

The review was carried out as a SAR in Rapid Time. Agencies supplied information, and practitioners from The Rotherham NHS Foundation Trust, the council's housing options team, the homeless outreach service, the Probation Service and the drug and alcohol service took part in two workshops. Adult B's sister helped the reviewer to understand his life; she said he would have wanted people to know that he had been a hard worker and a good brother.

Key events

In the last six months of his life Adult B attended the emergency department fourteen times, usually brought by ambulance after being found intoxicated in the street. On the final admission he was treated for a chest infection and early alcohol withdrawal. He was declared medically fit and discharged on a Friday evening with a letter to his GP and a list of hostels. The housing options team received a duty to refer notification the following Monday. The outreach team, who knew him well, were not told he had been in hospital.

Findings

Hospital discharge for people who are homeless was not planned. The trust's discharge policy assumed a home to go to, and the pressure on beds meant that Adult B's discharge was treated as a routine one. No one asked where he would sleep that night.

Alcohol dependence was seen as a choice. Practitioners described Adult B as "not engaging", but the pattern of repeated attendances should have been a mark of escalating risk. The learning event heard that few staff knew how to apply the Mental Capacity Act to a person whose drinking affects their ability to act on decisions.

No agency led. Adult B met the criteria for a multi-agency response under the self-neglect procedure, but there was no meeting and no shared plan. Each service did its own part well and no service looked at the whole.

Positive practice

The outreach worker made repeated efforts to stay in contact, often in the early morning, and secured him a bed in the winter night shelter in the previous year. The probation officer recognised his vulnerability and adapted reporting arrangements.

Recommendations

The Board should ask the hospital trust and the council to agree a protocol for the discharge of people with no fixed abode, including a named lead and contact with the outreach service before discharge; ask partners to use a high-intensity user approach for people who attend the emergency department repeatedly; and promote training on alcohol, self-neglect and mental capacity.

The Board's response and action plan are available at www.rsab.org.uk. Anyone worried about an adult can call 01709 822330.
"""

SUMMARIES["c05"] = """\
Safeguarding Adult Review: Adult K. Executive summary.

Adult K was a woman in her late twenties with a mild learning disability who lived alone in a council flat in Dinnington. In the autumn of 2022 she was found seriously injured in her home, which had been taken over by people selling drugs. She survived but now lives in a supported setting away from the area. Rotherham Safeguarding Adults Board commissioned this review because she had experienced serious abuse and there was concern about how agencies had worked together.

Adult K took part in the review with the help of an advocate. She told the reviewer that she had liked her flat and her independence, and that she had not known how to make the visitors leave. She said that the thing she wanted most was for professionals to listen to her and to talk to her in plain words. It was a joy to hear her describe her new home and the friends she has made there.

What happened

Adult K's tenancy began in 2020. She received a few hours of support a week from a floating support service, which ended after a year. Her mother, who lived nearby and had been a strong source of support, became unwell in 2021 and could visit less often.

Over the following months neighbours complained about noise, people coming and going at night and drug use in the stairwell. Housing officers wrote to Adult K about breaches of her tenancy. Police community support officers visited several times and noted that a man who was not the tenant answered the door. A community nurse who visited for a health check recorded that Adult K seemed frightened and had lost weight. Each agency recorded what it saw; nobody connected the information.

Findings

Cuckooing was not recognised. The signs, a change in visitors, complaints of antisocial behaviour, a vulnerable tenant who appeared to have lost control of her home, were treated as a tenancy management problem and as antisocial behaviour by Adult K.

Adult K's learning disability was not understood by all the agencies in contact with her. Letters about her tenancy were not in an accessible format, and she did not understand that she could be evicted.

Her relationship with a man who was controlling her was seen as her choice. The learning event heard that practitioners found it difficult to balance respect for her autonomy with their duty to protect her from exploitation, and that they did not always consider whether she was able to make decisions free from coercion.

Information sharing about exploitation between housing, police and health was informal and depended on individual relationships.

Good practice

When the police did act, they worked closely with housing to close the property quickly and to make sure Adult K was safe, and the safeguarding enquiry that followed was thorough and person-centred.

Recommendations

The Board should ask partners to adopt the South Yorkshire exploitation screening tool for adults, to include cuckooing in tenancy and antisocial behaviour procedures, and to make sure that people with a learning disability receive information in a form they can understand. The community safety partnership should be asked to share intelligence about cuckooed properties with adult social care.

The full report is at www.rsab.org.uk. To report a safeguarding concern call 01709 822330.
"""

SUMMARIES["c06"] = """\
Safeguarding Adult Review: Adult H. Executive summary.

Adult H was a woman in her late eighties who lived with dementia in a nursing home in the Wickersley area. She died in hospital from sepsis linked to a grade four pressure ulcer. Before moving into the home she had lived with her husband for more than fifty years; she was a keen gardener and loved to spend time on the village green with her grandchildren.

Rotherham Safeguarding Adults Board commissioned this review after a safeguarding enquiry found neglect and acts of omission by the home and raised questions about how health and social care professionals had worked with it. The Care Quality Commission was informed and took its own action. The review was led by an independent reviewer with a panel drawn from the Board's partners.

What happened

Adult H moved into the home in 2021 after a hospital admission. Her needs were assessed as high: she was unable to move herself in bed, ate little and was at risk of pressure damage. Her care plan said she should be repositioned every two hours and that her skin should be checked daily.

Over the next year the home had a high turnover of staff and relied on agency nurses. Repositioning charts were incomplete. When a pressure area on her heel was found it was not reported to the tissue viability service for three weeks. The GP practice was told she was "a bit off her food" but not that she had a wound. When her son raised concerns he was given assurances that all was well; he told the review that he wished he had been more frank about his worries at the time.

The quality assurance team in adult social care had received several concerns about the home. These were dealt with one at a time with the provider and were not brought together to identify a pattern.

Findings

Pressure ulcer prevention in the home relied on paperwork rather than on care. Staff completed charts but did not have the time or training to act on what they recorded.

Escalation routes were unclear. The home's staff did not know when to refer to tissue viability or when a pressure ulcer should be raised as a safeguarding concern.

The commissioners' view of the home was fragmented. Individual concerns were closed when the provider responded, and the overall risk of organisational neglect was not recognised.

Families were not treated as partners. Adult H's family knew her well and noticed changes before staff did.

Good practice

Once the wound was referred, the tissue viability nurse gave clear and practical advice. The hospital ward raised a safeguarding concern on the day of admission.

Recommendations

The Board should seek assurance that the quality and safeguarding teams share intelligence about care homes and look for patterns; that care homes in the borough use the national pressure ulcer framework and escalate in line with it; and that families are told how to raise concerns with the home, with commissioners and with the Board's partners. The Board supports the green light given by the Integrated Care Board to a care home support team.

The Board's annual report will describe progress. Visit www.rsab.org.uk or, to report a concern, call 01709 822330.
"""

SUMMARIES["c07"] = """\
Safeguarding Adult Review: Adult T. Executive summary.

Adult T was a young man of nineteen who died by suicide. He lived with his mother and stepfather in Swinton and had been known to children's mental health services since the age of fourteen, with anxiety, low mood and episodes of self-harm. He was described by his family as clever, kind and a talented footballer who had hoped to study sports science.

Rotherham Safeguarding Adults Board agreed that the criteria for a discretionary review were met, because the review offered significant learning about the move from children's to adult mental health services. The review ran alongside the coroner's inquest, which has concluded. His family were involved throughout and met the reviewer three times.

Events

As Adult T approached eighteen, the child and adolescent mental health service referred him to adult community mental health services. The referral was declined because he did not meet the threshold for secondary care, and he was signposted to talking therapies and his GP. He did not take up the offer of talking therapies. He was discharged from the children's service on his eighteenth birthday.

In the year that followed he saw his GP four times, each time describing low mood and poor sleep. His medication was changed. He attended the emergency department twice after taking overdoses and was assessed by the liaison mental health team, who found no ongoing risk and discharged him to the care of his GP. His mother rang the GP practice and the crisis line on several occasions; she said she felt like she was looking for a needle in a hay stack to find someone who would listen.

He died at dawn one morning in the summer of 2022, a few days after losing his place on a college course.

Findings

Transition was an event, not a process. Adult T's care ended on his birthday rather than when he was ready, and there was no joint planning between services. The learning event heard that the threshold for adult services is set without regard to how long a young person has received support.

Risk assessment focused on the moment. Each assessment after an overdose was carried out without the full history, and risk was judged as low because he said he had no plans. Recent research on the limits of risk prediction was not reflected in practice.

The family's knowledge was not used. His mother and stepfather were the people who knew him best, but they were told that confidentiality prevented staff from discussing his care; the consensus statement on information sharing and suicide prevention was not applied.

Good practice

The GP practice offered longer appointments and followed up missed ones. The liaison team's records were clear and detailed.

Recommendations

The Board should ask the mental health trust and the Integrated Care Board to review the transition pathway so that young people are not discharged from children's services until adult support is in place; to make sure that risk formulation, safety planning and family involvement are used in place of risk scoring; and to work with the suicide prevention partnership to adopt the consensus statement.

More information is available at www.rsab.org.uk. If you are worried about an adult, call 01709 822330.
"""

SUMMARIES["c08"] = """\
Safeguarding Adult Review: Mr E. Executive summary.

Mr E was a widower in his late eighties who lived alone in his own home in Brinsworth. He had served in the merchant navy and later ran a small hardware shop. He was sociable, enjoyed a daily walk to the newsagent and was well known locally. After his wife died he became isolated and began to rely on a man who lived nearby for shopping and lifts.

Rotherham Safeguarding Adults Board commissioned this review after it became known that Mr E had lost most of his savings, more than ninety thousand pounds, over two years, and had been left without money for heating or food. He died in hospital the following year. The police investigation into financial abuse concluded without a prosecution, which is why publication of this summary was delayed.

The review was led by an independent reviewer. Agencies that took part were Rotherham Metropolitan Borough Council Adult Social Care, South Yorkshire Police, The Rotherham NHS Foundation Trust, the GP practice, the advocacy service and Mr E's bank, which contributed voluntarily.

What happened

Mr E's bank noticed unusual withdrawals and a new payee in 2021 and contacted him. He said that he was helping a friend. The bank placed a temporary block, which he asked them to lift. A second concern was raised by a pharmacist who noticed that Mr E looked thin and was wearing the same clothes on each visit.

Adult social care received a safeguarding concern from the GP. The social worker visited, found Mr E adamant that his friend was trustworthy, and assessed him as having capacity to manage his money. The social worker acted in good faith and respected his wishes, but did not consider whether he was being coerced or whether his decisions were made freely. A lasting power of attorney had been drawn up in favour of the neighbour shortly before the largest withdrawals.

Findings

Financial abuse is often hidden by the person's loyalty to the abuser. Mr E's isolation made him dependent on the man who was taking his money, and his wish to protect that relationship was taken as the whole of his view.

Mental capacity assessments looked at understanding but not at undue influence. Practitioners were not confident in using the inherent jurisdiction of the High Court or in raising concerns with the Office of the Public Guardian about a lasting power of attorney.

Banks are an important partner. The bank's staff spotted the abuse first but had no route to share their concern with adult social care. The Banking Protocol was not used because no one was at risk of making a payment at the counter.

Advocacy made a difference. When an independent advocate was involved, Mr E began to talk about his fears and agreed to a plan to protect his remaining money.

Recommendations

The Board should promote guidance on coercion and undue influence in capacity assessment; ask adult social care to make sure that concerns about a lasting power of attorney are referred to the Office of the Public Guardian; work with local banks and building societies to agree how they raise concerns; and offer advocacy early where financial abuse is suspected.

To find out more, visit www.rsab.org.uk. To report a concern, call 01709 822330.
"""

SUMMARIES["c09"] = """\
Safeguarding Adult Review: Adult N. Executive summary.

Adult N was a woman in her mid seventies who lived with her husband in their home of forty years in Kimberworth. She had Parkinson's disease and, in the last years of her life, dementia. Her husband was her carer. She died in hospital after a fall at home, when injuries of different ages were found. Her husband was arrested and later charged. The criminal proceedings have concluded.

Rotherham Safeguarding Adults Board commissioned this review because of concern about how agencies had recognised and responded to domestic abuse in an older couple where one partner was caring for the other. Adult N's daughter took part and shared photographs and memories of her mother, who had loved ballroom dancing and her garden, particularly her roses.

Background

Adult N's needs increased steadily from 2019. A package of home care was arranged but her husband cancelled it after a few weeks, saying that he preferred to manage alone. The district nursing team visited for a catheter and later for a wound on her arm. The GP practice saw her for medication reviews, often by telephone and speaking mainly to her husband.

Her husband had a history of controlling behaviour that the family had seen throughout the marriage. After the pandemic he became more isolated and was, in his own words, at the end of his tether. He told a nurse that he was finding it an uphill struggle to cope.

Findings

Domestic abuse in later life was not recognised. Practitioners saw a devoted husband under strain. They did not ask Adult N, on her own, whether she felt safe, and the signs of coercive control, her husband's refusal of help, his answering for her and her fear of upsetting him, were not seen as such.

Carers' needs were not assessed. Her husband was never offered a carer's assessment. The learning event heard that practitioners are reluctant to raise concerns about a carer who is doing so much, and that carer stress can be a risk factor for abuse as well as a reason for support.

Routine enquiry did not happen. Nursing and GP records show many contacts at which Adult N could have been seen alone. Telephone consultations made this harder.

Think Family: the daughter had raised concerns about her father's temper with the GP practice, but the practice did not share them because they concerned a third party.

Good practice

The district nurse who found the injuries made a safeguarding referral the same day and accompanied Adult N to hospital. The police investigation was sensitive to the family's needs.

Recommendations

The Board should ask partners to include domestic abuse in later life in their training; to make sure that older people are seen alone when there is any concern; and to offer carers' assessments that consider risk as well as need. The Board will share the learning from this review with the Community Safety Partnership, which leads on domestic abuse.

The full report and the Board's response are available at www.rsab.org.uk. To report a safeguarding concern, call 01709 822330.
"""

SUMMARIES["c10"] = """\
Safeguarding Adult Review: Adult F. Executive summary.

Adult F was a man in his early forties who died from an accidental overdose of heroin and prescribed medication in a hostel in Rotherham. He had been homeless on and off for twenty years, had experienced trauma in childhood and had spent time in prison. He was remembered by hostel staff as generous and funny, someone who would share his last cigarette, and by his mother as a loving son who never gave up trying.

Rotherham Safeguarding Adults Board commissioned a thematic review of three deaths of people experiencing homelessness in the borough. This summary concerns one of them. The review was carried out by an independent reviewer and drew on agency chronologies, interviews with practitioners and a learning event. Adult F's mother spoke with the reviewer.

What happened

Adult F moved into the hostel after a period of rough sleeping. He was supported by a key worker and engaged with the drug and alcohol service, which prescribed opiate substitution treatment. He had lost more than a stone in weight over the year, had a leg wound from injecting and often missed appointments at the wound clinic.

In the weeks before his death he was admitted to hospital with cellulitis and discharged himself against medical advice after two days, because he was afraid of withdrawal and was not offered his prescribed treatment promptly on the ward. He returned to the hostel. A friend who also lived there raised the alarm the next morning.

Agencies knew about his risks. The hostel recorded that he had been using on top of his prescription. The recovery service had noted his missed doses. The hospital had recorded his self-discharge. This information was not brought together, and there was no plan to reduce the risk of overdose after his return.

Findings

Self-discharge was a moment of high risk that no one owned. The hospital's procedure for self-discharge did not include informing the recovery service or the hostel.

Trauma-informed practice was patchy. Adult F's history explained a great deal about his distrust of services, yet he was often described in records as chaotic and non-compliant.

Naloxone saved lives elsewhere in the hostel but was not carried by all staff, and residents were not routinely trained to use it.

Good practice

The key worker went beyond what was expected: she accompanied Adult F to appointments, advocated for him with his GP and kept in touch when he was in hospital. The recovery service's prescriber adapted his treatment quickly when asked.

Recommendations

The Board should ask the hospital trust to make sure patients who are opiate dependent receive their treatment on admission without delay and that self-discharge triggers contact with the person's community services; ask commissioners to require naloxone training for all hostel staff and residents; and promote trauma-informed practice across the partnership. The Board notes that the Integrated Care Board will foot the bill for a specialist homeless health nurse post.

For more information, see www.rsab.org.uk. If you are concerned about an adult at risk of abuse or neglect, call 01709 822330.
"""

SUMMARIES["c11"] = """\
Safeguarding Adult Review: Adult Y. Executive summary.

Adult Y was a young woman of nineteen who had been in the care of the local authority from the age of eleven. She died following a fall from height in Rotherham. The coroner recorded an open conclusion. Rotherham Safeguarding Adults Board commissioned this review because of concern about how agencies had supported her as she moved into adulthood, and about sexual exploitation, which she had experienced since her early teens.

The review was carried out jointly with the Rotherham Safeguarding Children Partnership, as much of the learning concerned the move between children's and adults' services. Adult Y's former foster carer and her brother contributed to the review and described her as bright, stubborn, loyal and brave.

Background

Adult Y was placed with a foster carer in Thurcroft for four years, the most settled period of her life. At sixteen she moved into semi-independent accommodation. She was known to the child sexual exploitation team and had a history of going missing. When she turned eighteen her case was transferred to the leaving care service, which allocated a personal adviser, and her children's social worker closed the case.

In the year before her death she moved address five times. She attended sexual health services regularly and was seen at the day centre run by the young people's service. Practitioners in these services recorded concerns about older men who collected her in cars. A safeguarding concern was raised with adult social care; it was screened out because she was not considered to have care and support needs.

Findings

Exploitation does not end at eighteen. Adult Y was as much at risk at nineteen as at seventeen, but the protection that surrounded her as a child fell away. Adult safeguarding was not seen as relevant because the criteria in section 42 of the Care Act were read narrowly.

The needs arising from trauma were not seen as care and support needs. The learning event discussed how the effect of years of abuse on a young person's ability to keep herself safe could amount to care and support needs under the eligibility regulations.

Relationships mattered most. The personal adviser and the youth worker were trusted by Adult Y and kept in touch even when she moved. The sexual health nurse saw her every few weeks and knew her well, but there was no forum where these practitioners could share what they knew.

Transitional safeguarding was not in place. There was no shared approach across children's and adults' services for young people at risk of exploitation between the ages of sixteen and twenty-five.

Recommendations

The Board and the Children's Partnership should develop a transitional safeguarding protocol, jointly owned, for young people at risk of exploitation; adult social care should review how it screens concerns about young adults who have experienced exploitation; and partners should create a multi-agency forum for young adults at risk.

The full report is published at www.rsab.org.uk. To report a safeguarding concern about an adult, call 01709 822330.
"""

SUMMARIES["c12"] = """\
Safeguarding Adult Review: Mr O. Executive summary.

Mr O was a man in his early eighties with chronic obstructive pulmonary disease who used home oxygen. He lived alone in a terraced house in Aston, received four home care visits a day and continued to smoke. He died in a fire at his home which started when he lit a cigarette while using his oxygen.

Rotherham Safeguarding Adults Board commissioned this review because several agencies knew that he smoked while using oxygen and there was concern that the risk had not been managed together. Mr O's daughter contributed to the review. She described her father as a stubborn, funny man, a keen cook in his younger days, who had never wanted to be a burden.

What happened

Home oxygen was installed in 2020 after a hospital admission. The oxygen supplier's risk assessment recorded that he was a smoker; he signed an agreement that he would not smoke while using oxygen. The respiratory team visited and repeated the advice.

Home care workers saw cigarette burns on the carpet, on his chair and on his clothes. They reported these to their manager, who spoke to Mr O and to his daughter. A home fire safety visit was carried out by South Yorkshire Fire & Rescue, and fire-retardant bedding and a throw were supplied. There was a ray of hope when Mr O cut down for a time after a chest infection, but he started smoking more heavily again after a bereavement.

The GP practice was not told about the burns. The oxygen supplier's reassessment, due after twelve months, did not happen because of staff shortages. No one considered whether oxygen should be withdrawn or a different arrangement made, and no multi-agency meeting was held.

Findings

Each agency managed its part of the risk. The home care provider, the fire service, the respiratory team and the oxygen supplier each knew of the danger and each gave advice, but there was no shared assessment and no one co-ordinated a plan.

Advice was repeated rather than changed. When the advice did not work, agencies gave it again. The learning event heard that practitioners were unsure who could decide to remove oxygen and felt that doing so would be unkind.

Mental capacity was not explored. Mr O said that he understood the risk. Whether he could act on that understanding, given his dependence on nicotine, was not considered.

Good practice

The home care workers noticed and reported the burns consistently. The fire service's visit was prompt and the equipment supplied was appropriate.

Recommendations

The Board should ask partners to adopt a multi-agency protocol for people who smoke while using home oxygen, including when to convene a risk meeting and how a decision to withdraw oxygen is made; to make sure that evidence of burns is always shared with the fire service and the GP; and to include nicotine dependence in training on mental capacity and self-neglect.

The Board's action plan is on www.rsab.org.uk. To report a safeguarding concern call 01709 822330.
"""

SUMMARIES["c13"] = """\
Safeguarding Adult Review: Adult V. Executive summary.

Adult V was a woman aged ninety-three who lived alone in a bungalow in Wath-upon-Dearne. She was independent until a fall in the winter of 2022, when she fractured her hip. She was described by her family as determined, warm and very sociable; for years she had rung the church bell on Sundays and run the coffee morning.

She was discharged from hospital after surgery with a reablement package. Within a week she was readmitted with dehydration and a further fall, and she died on the ward. Rotherham Safeguarding Adults Board commissioned this review after her son and daughter raised concerns about the discharge.

What happened

During her admission Adult V was assessed by the ward therapists as needing two carers for transfers. The discharge summary recorded one. The ward was under great pressure, and her discharge was brought forward to free a bed. Her family were told the day before and asked to make sure there was food in the house.

The reablement service could not start the package on the day of discharge and the first visit took place the next afternoon. Adult V spent the night in her chair. Over the following days the reablement workers recorded that she was drinking little and was confused at times. They left messages for the team leader. The equipment she needed, a raised toilet seat and a perching stool, arrived on day five.

Her daughter visited each evening and rang the hospital discharge team twice. She told the review that she had not known who to call, and that she had been told it would all settle down once her mother got her confidence back.

Findings

Discharge to assess works well only when the assessment happens and the support is in place on the day. For Adult V the plan existed on paper, but the gap between the hospital and home was not bridged.

Information was lost at the point of transfer. The discharge summary did not reflect the therapists' assessment, and the reablement service did not receive the information about her risk of falls.

Signs of deterioration were recorded but not acted on. Reablement workers knew that something was wrong but did not know how to escalate it urgently.

Families were left to fill the gaps. Adult V's family were given responsibilities without being asked whether they could meet them, and without a clear contact if things went wrong.

Good practice

The occupational therapist's assessment on the ward was thorough and well documented. When Adult V was readmitted, the ward sister recognised the concern and raised a safeguarding referral.

Recommendations

The Board should ask the hospital trust and adult social care to review the discharge to assess pathway so that support starts on the day of discharge; to make sure that therapy assessments are reflected in discharge summaries; to give families a named contact for the first week at home; and to train reablement staff in recognising and escalating deterioration. The Board will want to see that the changes will last.

For more information visit www.rsab.org.uk. To report a safeguarding concern, call 01709 822330.
"""

SUMMARIES["c14"] = """\
Safeguarding Adult Review: Mr D. Executive summary.

Mr D was a man in his sixties with type 1 diabetes, sight loss and chronic foot ulcers. He lived alone in a flat in Rotherham. He died in hospital from complications following the amputation of his lower leg. Rotherham Safeguarding Adults Board commissioned this review because there had been concerns about self-neglect over several years and a question about whether agencies had understood his ability to manage his own care.

Mr D was a former bus driver and a lay preacher, known for his singing and his sense of humour. His sister and a friend from his church helped the reviewer to understand him. They said that he hated being told what to do and that he felt services talked at him rather than with him.

What happened

Mr D attended the diabetes clinic irregularly and his blood sugar was poorly controlled. He had several admissions with hypoglycaemia. The podiatry service treated his foot ulcers; he missed many appointments and the service discharged him twice under its policy for non-attendance. District nurses visited for wound care when he agreed.

In 2021 a safeguarding concern about self-neglect was raised by the housing provider, who found his flat cold, with spoiled food and unopened insulin. A social worker visited. Mr D said he was managing, and the case was closed after an assessment found he had capacity to make decisions about his care.

Over the following months his sight worsened and his foot wound deteriorated. He was seen in the emergency department twice. The learning event heard that many practitioners thought that a further referral would make no difference because he had refused help before.

Findings

Capacity was assessed once and then assumed. The assessment was about whether he understood the risks, which he did. It did not consider whether, given his sight loss and the effect of repeated hypoglycaemia on his thinking, he could carry out what he understood, so-called executive functioning.

Discharge for non-attendance was not appropriate for an adult who self-neglects. Missed appointments were a sign of his needs rather than a reason to close his case.

Relationships were not used. Mr D trusted his church and his sister; neither was asked to help agencies find a way to work with him.

Good practice

The diabetes specialist nurse persisted with Mr D and worked flexibly, including home visits. The housing provider's concern was detailed and timely.

Recommendations

The Board should seek assurance that partners' policies on non-attendance include a check for self-neglect and safeguarding risk before discharge; that practitioners understand executive functioning and when a capacity assessment should be revisited; and that the self-neglect procedure encourages the involvement of people the adult trusts. Health partners should review how sight loss is taken into account in diabetes care. Concerns about Mr D were often shared by round-robin email rather than discussed; the Board will ask partners to hold a meeting instead when a person who self-neglects is at risk of serious harm.

See www.rsab.org.uk for the full report. To report a safeguarding concern call 01709 822330.
"""

SUMMARIES["c15"] = """\
Safeguarding Adult Review: Adult R. Executive summary.

Adult R was a woman in her early eighties with advanced dementia who lived with her son in Greasbrough. Her son, who has a learning disability, had been her carer for several years. Adult R died in hospital from pneumonia, malnutrition and dehydration after being found by a neighbour on the floor of her bedroom. Rotherham Safeguarding Adults Board commissioned this review because of concern that agencies had not recognised that her son could no longer meet her needs, and that his own needs had been overlooked.

The review drew on chronologies from Rotherham Metropolitan Borough Council Adult Social Care, Rotherham Doncaster and South Humber NHS Foundation Trust, the GP practice, the carers' centre and a community support service. Adult R's son and daughter took part, supported by an advocate. Her son told the reviewer how much he had loved looking after his mother and how frightened he was when she stopped eating.

What happened

Adult R was diagnosed with dementia in 2019 and was supported by the memory clinic. Her son was recorded as her carer. The family did not want outside carers, and for a time the arrangement worked well: the house was clean and Adult R went to a day centre twice a week.

The day centre closed during the pandemic and did not reopen. The memory clinic reviewed Adult R by telephone, speaking to her son. A social worker completed a review in 2021 and recorded that the family were coping. Her son was offered a carer's assessment by letter, which he did not return; the letter was not in an easy read format.

Over the following year Adult R's condition deteriorated. Her son found it harder to get her to eat and to wash. He told a worker at the community hub that he was tired and did not know what to do, and the worker drew this to the attention of the carers' centre.

Findings

Think Family was not applied. Agencies saw Adult R as the person with needs and her son as her carer. His learning disability, which affected his ability to understand her changing needs and to ask for help, was known to some agencies but not taken into account.

Telephone reviews missed what a visit would have shown. The reliance on remote contact after the pandemic meant that no professional saw Adult R for many months.

Carers' assessments were offered but not made accessible. The offer depended on a letter that her son could not read.

The family's wish to care for Adult R themselves was respected, but the field of view of those involved was narrow: no one asked whether the arrangement was still safe.

Good practice

The community hub worker recognised that something was wrong and acted. The carers' centre responded quickly and arranged a visit.

Recommendations

The Board should ask adult social care to make sure that carers' assessments are offered in a way that carers with a learning disability can use; ask health partners to resume face-to-face reviews for people with advanced dementia; and promote the Think Family approach, including for older carers and carers who have their own care and support needs.

The full report is on www.rsab.org.uk. If you are worried about an adult, call 01709 822330.
"""

SUMMARIES["c16"] = """\
Safeguarding Adult Review: Adult A. Executive summary.

Adult A was a man in his mid thirties from eastern Europe who had a mild learning disability. He came to England in 2018, with a promise of work and a place to live. For four years he worked long hours at a car wash and in houses owned by the same employer, who kept almost every penny of his wages to pay for rent, food and travel debts. He lived in an overcrowded house in Rotherham. He died in hospital after a stroke that had not been treated for several days.

Rotherham Safeguarding Adults Board commissioned this review because several agencies had contact with Adult A and did not recognise that he was a victim of modern slavery. A police investigation and a referral to the National Referral Mechanism followed his death. His cousin contributed to the review.

What happened

Adult A registered with a GP practice in 2019, accompanied by a man who acted as his interpreter and who was later found to be his employer. He attended the emergency department twice with injuries to his hands from chemicals; each time the same man answered the questions for him. Housing officers inspected the property after complaints from neighbours about overcrowding and found eleven men living there; the case was dealt with as a housing standards matter. The police stopped a van in which Adult A was a passenger, but no one spoke to the passengers on their own.

When Adult A fell ill his workmates were afraid to call an ambulance. He was taken to hospital three days later by his cousin, who lives in another city.

Findings

Modern slavery was not recognised because no one was looking for it. Each contact on its own looked ordinary. Together they showed a pattern: the same man speaking for him, injuries at work, no documents, overcrowding and no access to his own money.

Interpreters were not independent. Agencies used the person who came with Adult A rather than a professional interpreter.

Learning disability was not identified. Adult A's difficulties in understanding were put down to language.

Housing enforcement and safeguarding were separate. The housing inspection found the signs of exploitation but the procedure did not prompt a safeguarding concern or a referral to the police.

Good practice

Once the police were involved, the modern slavery team worked quickly to find and support the other men living at the house, several of whom entered the National Referral Mechanism. The social worker who led the enquiry took a careful, trauma-informed approach.

Recommendations

The Board should ask partners to train front-line staff to recognise the signs of modern slavery; to use professional interpreters and to see people alone; to include a safeguarding prompt in housing inspection procedures; and to raise awareness among employers and the public. The Board will work with the modern slavery partnership to run awareness sessions for businesses such as hand car washes, where there is little oversight and workers may be paid little or nothing.

See www.rsab.org.uk. To report a safeguarding concern call 01709 822330.
"""

SUMMARIES["c17"] = """\
Safeguarding Adult Review: Mrs B. Executive summary.

Mrs B was a woman in her mid seventies with type 2 diabetes, heart disease and limited mobility who lived alone in her own home in Broom. She received three home care visits a day from a domiciliary care agency commissioned by the council. She was found unresponsive by her son and died in hospital from hypoglycaemia and dehydration. Rotherham Safeguarding Adults Board commissioned this review after a safeguarding enquiry found that several care visits had been missed or cut short in the days before she was found.

Mrs B was a devoted grandmother, a talented seamstress and a pillar of her community. She spoke Punjabi and some English. Her son and daughter took part in the review and were clear that they wanted the learning to reach every care agency in the borough.

What happened

Mrs B's care plan required carers to prompt her to eat and drink, to check her blood sugar readings and to report any concerns to her family and the district nurses. The agency had recently taken on several new packages of care and was short of staff. Electronic call monitoring showed that in the week before she was found, five visits were missed and many others lasted less than ten minutes.

The agency's office staff rated the missed visits amber on their risk tool, which meant a phone call to the client rather than a visit. Most of these calls were not answered. Her family were not told. The district nurse who visited for her insulin noticed a sharp fall in her fluid intake and left a note in the care folder, but this was not read by the agency.

Commissioners had received concerns about the agency's performance and had placed it on a monitoring plan. The plan did not restrict new packages of care.

Findings

Missed visits are a safeguarding risk. The agency and the council did not treat missed visits to a person who depended on them for food, fluid and medication as a safeguarding concern.

Risk tools did not fit the person. A missed visit was rated by the time of day rather than by what the visit was for.

Language and culture were not considered. Mrs B's care plan was in English only, and her carers could not speak with her in her first language. Her preferences about food were not recorded, which may have affected how much she ate.

Commissioning and quality monitoring were not joined up. The council continued to place new packages of care with an agency whose performance was already a concern.

Good practice

The district nurse recognised the risk and recorded it clearly. Once the concern was raised, the council's quality team acted quickly to review every person supported by the agency.

Recommendations

The Board should seek assurance that commissioned providers treat missed visits to people at high risk as a safeguarding matter and tell families; that risk ratings are based on the purpose of each visit; that care plans reflect language, culture and faith; and that monitoring plans include limits on new work where that is needed to keep people safe.

To read the full report visit www.rsab.org.uk. To report a safeguarding concern, call 01709 822330.
"""

SUMMARIES["c18"] = """\
Safeguarding Adult Review: Adult J. Executive summary.

Adult J was a young autistic man of twenty with a learning disability who died in an assessment and treatment unit many miles from his home in Catcliffe. He had been detained under the Mental Health Act for fourteen months. He loved swimming, buses and music, and had a close bond with both his parents.

Rotherham Safeguarding Adults Board commissioned this review after his death, which followed a period of prolonged restraint. The police and the Care Quality Commission are investigating the events of his final day, and this review does not consider them. It looks at how agencies worked together in the years leading to his admission, and at how he was supported while he was in hospital. His parents played a full part in the review.

What happened

As a child Adult J went to a special school and lived at home with short breaks. His support was planned by children's services, and his parents received a direct payment. When he was seventeen his behaviour became more distressed at home and at school. His parents asked for more help; the price of the support he needed, two-to-one staffing, was a source of dispute between health and social care. His father told the review that the family spent months waiting for a funding decision while things at home got worse.

No local placement could be found when he turned eighteen. After a crisis at home he was detained and admitted to a hospital out of the area, which was the only bed available. His care and treatment reviews recommended discharge to a community placement. A suitable provider was found but the placement did not start because the funding was not agreed.

In hospital Adult J was restrained many times and spent long periods in seclusion. His parents visited every week, often travelling for hours, and raised concerns about the use of restraint.

Findings

Transitions planning did not prevent a crisis. The plans for adulthood were made late and did not include an alternative if the first option failed.

Funding disputes delayed care. Disagreements between agencies over who should pay meant that a young man who was ready for discharge stayed in hospital.

Out-of-area placements weaken oversight. Local agencies did not visit Adult J often enough or see for themselves how he was treated.

His parents were not treated as experts. They knew what helped Adult J and what distressed him, but their knowledge was not built into his care plan.

Good practice

The transitions social worker worked hard to find a local placement. The community learning disability team kept in touch throughout his admission.

Recommendations

The Board should ask partners to make sure that young people with complex needs have a transition plan with a contingency; to agree a process to resolve funding disputes within a set time; to grant families a clear role in care and treatment reviews; and to visit people in out-of-area placements regularly.

See www.rsab.org.uk for more. To report a safeguarding concern, call 01709 822330.
"""

SUMMARIES["c19"] = """\
Safeguarding Adult Review: Mrs T. Executive summary.

Mrs T was a woman in her late eighties with vascular dementia who lived in a residential care home in Kiveton Park. She died in hospital from aspiration pneumonia after choking on a piece of food. Rotherham Safeguarding Adults Board commissioned this review because a safeguarding enquiry found that the home had not followed the speech and language therapy guidance for her diet, and because concerns about the home had been raised before.

Mrs T was a retired school cook with a large family and a wicked sense of humour. Her daughter and granddaughter took part in the review and asked that it should change practice in care homes, not simply blame the staff on duty.

What happened

Mrs T moved into the home in 2020. In 2021 she was assessed by a speech and language therapist after coughing when eating. The guidance was that she should have a soft and bite-sized diet, with supervision at mealtimes. The guidance was sent to the home and filed. A new kitchen team started shortly afterwards and did not receive it. The care plan was updated, but the dining room list used by the kitchen was not.

Care staff told the review that they often had several residents to support at mealtimes and that the patience and time needed to help Mrs T eat safely were hard to find. On the day of the incident she was given a sandwich at an afternoon activity.

The council's quality assurance team had visited the home twice in the previous year and found issues with care planning. An action plan was agreed. A follow-up visit was postponed because of staff absence.

Findings

Dysphagia guidance was not embedded. Information moved on paper from one part of the home to another and was lost. Staff knew the term but did not always know which residents needed a modified diet.

Mealtimes were treated as a task, not as care. Staffing levels at mealtimes did not reflect the number of residents who needed support to eat.

Quality assurance relied on action plans rather than on checking what had changed. The follow-up visit that would have tested the home's progress did not happen.

Good practice

Staff responded quickly when Mrs T choked, and an ambulance was called straight away. The home's new manager was open with the family and with the review and has made changes.

Recommendations

The Board should ask partners to adopt the international dysphagia diet standards framework across care homes in the borough, with a single list used by kitchen and care staff; to review staffing at mealtimes; and to make sure quality assurance follow-up visits take place as planned.

The full report is available at www.rsab.org.uk. To report a safeguarding concern call 01709 822330.
"""

SUMMARIES["c20"] = """\
Safeguarding Adult Review: Adult H. Executive summary.

Adult H was a woman in her late forties who had multiple sclerosis and used a wheelchair. She lived with her partner in a bungalow in Herringthorpe. Her partner was also her paid carer, employed through a direct payment. Adult H died by suicide. After her death, her family and friends described years of coercive and controlling behaviour by her partner, who isolated her from them, controlled her money and her medication, and threatened to leave her without care.

Rotherham Safeguarding Adults Board commissioned this review at the same time as the Community Safety Partnership considered a Domestic Homicide Review. The two processes agreed that a single review, led by a reviewer with experience of both, would meet both purposes. Adult H's mother and a close friend contributed. They wanted people to remember her as she had been: a teacher, an artist and a loyal friend.

What happened

Adult H's care and support were reviewed annually by adult social care. At each review her partner was present and answered most of the questions. Adult H told an occupational therapist, who saw her alone for an equipment assessment, that she felt trapped, but she asked that nothing be done. The therapist recorded this and discussed it with a senior colleague, who advised that it was a private matter because Adult H had capacity.

She told her GP that she felt low and was prescribed antidepressants. She missed several appointments at the neurology clinic, which were cancelled by her partner. Her mother contacted adult social care to say that she had not been allowed to see her daughter for months; this was recorded as a family disagreement.

A referral to the independent domestic violence advisory service was made by the police after a neighbour reported shouting. Adult H declined support on the phone, with her partner in the room.

Findings

Disabled people experience domestic abuse, and the abuser may also be the carer. Practitioners did not consider that the person providing care could be the person causing harm, and the direct payment arrangement was not reviewed when concerns arose.

Disclosures must be acted on. Adult H's disclosure to the occupational therapist was a missed opportunity. Capacity to make decisions is not the same as freedom to make them; the learning event heard that few practitioners knew how to respond when a person with capacity is being coerced.

Safe enquiry requires seeing the person alone. Most contacts took place in front of her partner.

The link between domestic abuse and suicide was not recognised. Her low mood was treated in isolation from the abuse.

Recommendations

The Board and the Community Safety Partnership should make sure that domestic abuse training covers disabled people and abuse by carers; that direct payment reviews consider safeguarding; that practitioners see people alone; and that the link between domestic abuse and suicide is part of suicide prevention work. This review will leave its mark only if the partnership acts on it.

The report is published at www.rsab.org.uk. To report a safeguarding concern, call 01709 822330.
"""
