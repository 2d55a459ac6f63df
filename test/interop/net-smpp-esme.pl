#!/usr/bin/perl
# A real third-party ESME (Net::SMPP from Debian's libnet-smpp-perl) against an SMPP 3.4 SMSC:
# bind_transceiver, submit_sm asking for a receipt, then answer the receipt deliver_sm.
# Prints one line per PDU as `event key=value ...` (values URI-escaped) for the test to assert on.
# Usage: net-smpp-esme.pl HOST PORT SYSTEM_ID PASSWORD SOURCE DESTINATION TEXT [TIMEOUT_SECONDS]
use strict;
use warnings;
use Net::SMPP;

my ($host, $port, $system_id, $password, $source, $destination, $text, $timeout) = @ARGV;
die "usage: $0 HOST PORT SYSTEM_ID PASSWORD SOURCE DESTINATION TEXT [TIMEOUT_SECONDS]\n"
  unless defined $text;
$timeout ||= 20;
$| = 1;

# One alarm bounds the whole exchange: a silent SMSC must not hang the test.
$SIG{ALRM} = sub { print "error reason=timeout\n"; exit 3 };
alarm $timeout;

sub esc {
    my $v = shift;
    return '' unless defined $v;
    $v =~ s/\0+$//;
    $v =~ s/([^A-Za-z0-9_.:~-])/sprintf('%%%02X', ord $1)/ge;
    return $v;
}

sub emit {
    my ($event, %fields) = @_;
    print join(' ', $event, map { "$_=" . esc($fields{$_}) } sort keys %fields), "\n";
}

my ($smpp, $bind_resp) = Net::SMPP->new_transceiver(
    $host,
    port              => $port,
    system_id         => $system_id,
    password          => $password,
    interface_version => 0x34,
    timeout           => 10,
);
if (!$smpp) {
    emit('error', reason => "connect failed: $!");
    exit 2;
}
if (!$bind_resp) {
    emit('error', reason => 'no bind_transceiver_resp');
    exit 2;
}
emit('bind_transceiver_resp', status => $bind_resp->{status}, system_id => $bind_resp->{system_id},
    sc_interface_version => defined $bind_resp->{sc_interface_version} ? ord $bind_resp->{sc_interface_version} : '');
exit 1 if $bind_resp->{status} != 0;

my $submit_resp = $smpp->submit_sm(
    source_addr         => $source,
    destination_addr    => $destination,
    short_message       => $text,
    registered_delivery => 0x01,
    data_coding         => 0x00,
);
if (!$submit_resp) {
    emit('error', reason => 'no submit_sm_resp');
    exit 2;
}
emit('submit_sm_resp', status => $submit_resp->{status}, message_id => $submit_resp->{message_id});
exit 1 if $submit_resp->{status} != 0;

# Read until the receipt arrives; answer anything else the SMSC asks in between.
while (1) {
    my $pdu = $smpp->read_pdu();
    if (!$pdu) {
        emit('error', reason => 'connection closed before the receipt');
        exit 2;
    }
    my $cmd = $pdu->{cmd};
    if ($cmd == 0x00000015) {
        $smpp->enquire_link_resp(seq => $pdu->{seq});
        emit('enquire_link');
        next;
    }
    if ($cmd != 0x00000005) {
        emit('unexpected_pdu', command_id => sprintf('0x%08x', $cmd), seq => $pdu->{seq});
        next;
    }
    $smpp->deliver_sm_resp(seq => $pdu->{seq}, message_id => '');
    emit('deliver_sm',
        esm_class            => $pdu->{esm_class},
        source_addr          => $pdu->{source_addr},
        destination_addr     => $pdu->{destination_addr},
        data_coding          => $pdu->{data_coding},
        short_message        => $pdu->{short_message},
        receipted_message_id => $pdu->{receipted_message_id},
        message_state        => defined $pdu->{message_state} ? ord $pdu->{message_state} : '');
    last if ($pdu->{esm_class} & 0x3C) == 0x04;
}

my $unbind_resp = $smpp->unbind();
emit('unbind_resp', status => $unbind_resp ? $unbind_resp->{status} : 'none');
alarm 0;
exit 0;
